import TradeGuardCore

/// Which side a filter keystroke starts from (issue 19: 80-170 ms a key at a million orders).
///
/// Walking the text's matches in code order and checking each against the queue in view costs
/// a page only when the queue holds a good share of those matches. A work queue holds few
/// orders, and recent ones (the highest codes), so that walk went through nearly every match
/// in the file — 136,000 for "tow", 750,000 for "closed" — reading each one's order row, before
/// it found a page of the queue's or knew there was none.
enum FilterPlan {
    /// About 2 µs an order checked (its search text read by id, the file in the OS cache but
    /// not in SQLite's): at most about 20 ms, the filter's budget being 30.
    static let scopeFirstLimit = 10_000

    enum Start: Equatable {
        /// Every match of the text, in code order: fewer than twice as many as the orders in
        /// view, so walking them cost less than reading the view's texts. They are kept to the
        /// view's ids (read from its index) before any order row is read.
        case allMatches([Int64])
        /// Read the orders in view from their own index and check each against the text
        /// (`textCheck`): costs the view's size, whatever the text matches. A view of at most
        /// `scopeFirstLimit` orders whose text matches more than twice as many.
        case view
        /// Walk the text's matches in code order, each checked against the view's ids, which
        /// SQLite reads from the view's index into a set once: no order row is read for a match
        /// outside the view. A work queue larger than `scopeFirstLimit`.
        case matchesInView
        /// Walk the text's matches in code order, each checked on its order row: a large Orders
        /// tab holds a good share of any text's matches, so a page comes soon.
        case matches
    }

    /// The rows of `start` (any but `.allMatches`) as a FROM clause whose order ids are `m.rid`,
    /// with its arguments. `visible` is the view's condition on `orders`.
    static func from(_ start: Start, matches: (sql: String, arg: Value), check: (sql: String, arg: Value), visible: String,
                     _ visibleArgs: [Value], scopeFirstLimit: Int) -> (sql: String, args: [Value]) {
        let viewIDs = "SELECT id AS rid FROM orders WHERE \(visible)"
        switch start {
        case .view, .allMatches:
            // Each order in view checked against the text; its row read only when it matches.
            // The LIMIT keeps the view a subquery of its own: flattened into a query ordered by
            // id, SQLite would walk the party's orders by code and read each row for its queue.
            return ("(\(viewIDs) LIMIT \(scopeFirstLimit + 1)) AS m CROSS JOIN orders ON orders.id = m.rid WHERE \(check.sql)",
                    visibleArgs + [check.arg])
        case .matchesInView:
            // Unary + keeps the IN off the FTS table (which would look each id up in turn).
            return ("(\(matches.sql)) AS m CROSS JOIN orders ON orders.id = m.rid WHERE +m.rid IN (\(viewIDs))", [matches.arg] + visibleArgs)
        case .matches:
            // CROSS JOIN keeps the index's matches as the outer loop, in order-id order.
            return ("(\(matches.sql)) AS m CROSS JOIN orders ON orders.id = m.rid WHERE \(visible)", [matches.arg] + visibleArgs)
        }
    }

    /// The orders of a party whose other party's name begins with `prefix` (byte order, as the
    /// index is sorted: up to `prefix` followed by the largest code point), read as a range of
    /// the (party, name, id) index. `viewIDs`: checked against the view's ids, read from its
    /// index into a set, on each index entry before its order row is read — in a work queue
    /// most of the range is outside it (the Drafts tab read 18,000 rows for "M").
    static func namePrefix(_ prefix: String, party: Int64, plan: QueryPlan, visible: String, _ visibleArgs: [Value],
                           viewIDs: Bool) -> (sql: String, args: [Value]) {
        let name = plan.side == .supplier ? "buyer_name" : "supplier_name"
        let range: [Value] = [.text(prefix), .text(prefix + "\u{10FFFF}")]
        if viewIDs {
            return ("orders WHERE \(plan.partyColumn) = ? AND \(name) >= ? AND \(name) < ? AND +id IN (SELECT id FROM orders WHERE \(visible))",
                    [.int(party)] + range + visibleArgs)
        }
        return ("orders WHERE \(visible) AND \(name) >= ? AND \(name) < ?", visibleArgs + range)
    }

    /// An SQL condition true when order `id` holds the folded `query` — the same answer as
    /// `Store.indexedMatches` gives, one order at a time; nil for the queries it does not answer.
    /// Three characters or more: a substring of the order's folded search text, read from the
    /// FTS5 table's own content (`order_search_content`, column `c0`, by rowid), which is what
    /// the trigram index matches (both sides are folded before they reach it, so its own case
    /// folding changes nothing). One or two characters of an unspaced script: the piece itself.
    static func textCheck(_ query: String, id: String) -> (sql: String, arg: Value)? {
        if query.count >= 3 {
            return ("EXISTS (SELECT 1 FROM order_search_content c WHERE c.id = \(id) AND instr(c.c0, ?) > 0)", .text(query))
        }
        if SearchFolding.isShortUnspaced(query) {
            return ("EXISTS (SELECT 1 FROM order_grams g WHERE g.gram = ? AND g.order_id = \(id))", .text(query))
        }
        return nil
    }
}

extension Store {
    /// Where a filter keystroke starts (`FilterPlan.Start`): from the counters, and for a small
    /// view the text's matches read up to twice its size (about 0.1-0.4 µs each).
    func filterStart(for party: Handle, side: PartyKind, scope: OrderScope, matches: (sql: String, arg: Value),
                     scopeFirstLimit: Int) throws -> FilterPlan.Start {
        // The Overview of what awaits a buyer is two indexes' union, which SQLite reads by
        // walking the party's orders: its ids cost more than its matches.
        if scope == .waitingOn(.buyer) { return .matches }
        let inView = try orderCounts(for: party, side: side).count(scope)
        if inView > scopeFirstLimit { return scope == .all ? .matches : .matchesInView }
        let cap = 2 * inView + 1
        let found = try db.query("\(matches.sql) LIMIT \(cap)", [matches.arg]) { $0.int(0) }
        return found.count < cap ? .allMatches(found) : .view
    }

    /// The page (and count) of `matches` (`.allMatches`) that are in view: ids kept to the
    /// view's, then the page's order rows read by id.
    func pageOf(_ matches: [Int64], visible: String, _ visibleArgs: [Value], scope: OrderScope, limit: Int,
                counting: Bool) throws -> SearchResult {
        guard !matches.isEmpty else { return SearchResult(rows: [], matchCount: 0) }
        let inView = Set(try db.query("SELECT id FROM orders WHERE \(visible)", visibleArgs) { $0.int(0) })
        let found = matches.filter(inView.contains).sorted()
        let ids = found.prefix(limit).map(String.init).joined(separator: ",")
        let rows = ids.isEmpty ? [] : try db.query("SELECT \(OrderListing.columns(for: scope)) FROM orders WHERE id IN (\(ids)) ORDER BY id") {
            try OrderListing($0)
        }
        // As the other paths answer: without counting, a full page says only "at least".
        if !counting && rows.count == limit { return SearchResult(rows: rows, matchCount: rows.count, isLowerBound: true) }
        return SearchResult(rows: rows, matchCount: min(found.count, 1_001))
    }
}
