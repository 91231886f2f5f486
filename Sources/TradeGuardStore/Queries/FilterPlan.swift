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
        /// Read the ids in view from their own index, in code order, and check them against
        /// the text a chunk at a time (`probe`) until a page is found: a text common in the
        /// view costs a chunk, a rare one the view's size, whatever the text matches in the
        /// file. A view of at most `scopeFirstLimit` orders whose text matches more than twice
        /// as many.
        case view
        /// Walk the text's matches in code order, each checked against the view's ids, which
        /// SQLite reads from the view's index into a set once: no order row is read for a match
        /// outside the view. A work queue larger than `scopeFirstLimit`.
        case matchesInView
        /// Walk the text's matches in code order, each checked on its order row: a large Orders
        /// tab (more than `scopeFirstLimit`, or an eighth of all orders) holds a good share of
        /// any text's matches, so a page comes soon.
        case matches
    }

    /// The rows of a walk of the text's matches (`.matchesInView` or `.matches`) as a FROM
    /// clause whose order ids are `m.rid`, with its arguments. `visible` is the view's
    /// condition on `orders`.
    static func from(_ start: Start, matches: (sql: String, arg: Value), visible: String, _ visibleArgs: [Value]) -> (sql: String, args: [Value]) {
        if start == .matchesInView {
            // Unary + keeps the IN off the FTS table (which would look each id up in turn).
            return ("(\(matches.sql)) AS m CROSS JOIN orders ON orders.id = m.rid WHERE +m.rid IN (SELECT id FROM orders WHERE \(visible))",
                    [matches.arg] + visibleArgs)
        }
        // CROSS JOIN keeps the index's matches as the outer loop, in order-id order.
        return ("(\(matches.sql)) AS m CROSS JOIN orders ON orders.id = m.rid WHERE \(visible)", [matches.arg] + visibleArgs)
    }

    /// A small view read for a text: every id in view (code order), how far it was read, and
    /// which of those ids hold the text. Typing one more character asks for a longer text,
    /// which only orders holding the shorter one can hold: the next keystroke reads the ones
    /// that matched and the rest of the view, not the orders already found without it. Kept
    /// for one view and one state of the file (`key`: the view's SQL and arguments, the file's
    /// `data_version` for others' commits and this connection's `total_changes()` for its own).
    struct ViewProbe {
        let key: String
        let query: String
        let ids: [Int64]
        /// Every id up to this one has been read for `query`.
        let readThrough: Int64
        let matched: [Int64]

        /// Whether `query` holds this probe's text, byte for byte (both folded; only texts of
        /// three characters or more, whose check is a plain substring). The same text again
        /// (the count when typing pauses) narrows too.
        func narrows(to query: String, key: String) -> Bool {
            key == self.key && self.query.count >= 3 && query.utf8.firstRange(of: self.query.utf8) != nil
        }
    }

    /// The ids in view in code order, from the view's own index: the unary + keeps SQLite from
    /// reading them through the (party, id) index instead, which would read every order row of
    /// the party to learn its queue.
    static func viewIDs(_ visible: String) -> String {
        "SELECT id FROM orders WHERE \(visible) ORDER BY +id"
    }

    /// Which of a list of order ids hold the folded `query`, in code order — the same answer as
    /// `Store.indexedMatches` gives, for the ids asked; nil for the queries it does not answer.
    /// Three characters or more: a substring of the order's folded search text, read by rowid
    /// from the FTS5 table's own content (`order_search_content`, column `c0`), which is what
    /// the trigram index matches (both sides are folded before they reach it, so its own case
    /// folding changes nothing). One or two characters of an unspaced script: the piece itself.
    static func probe(_ query: String) -> (sql: (String) -> String, arg: Value)? {
        if query.count >= 3 {
            return ({ "SELECT c.id FROM order_search_content c WHERE c.id IN (\($0)) AND instr(c.c0, ?) > 0 ORDER BY c.id" }, .text(query))
        }
        if SearchFolding.isShortUnspaced(query) {
            return ({ "SELECT g.order_id FROM order_grams g WHERE g.gram = ? AND g.order_id IN (\($0)) ORDER BY g.order_id" }, .text(query))
        }
        return nil
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

    /// `probe` as an SQL condition on one order id (the platform's queues).
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
        // Only the Overview's count needs the balances owed and the negotiated disputes.
        let inView: Int
        if case .waitingOn = scope { inView = try orderCounts(for: party, side: side).count(scope) } else {
            inView = OrderCounts(side: side, rows: try counterRows(of: try parties.require(party).id, side: side)).count(scope)
        }
        if inView > scopeFirstLimit { return scope == .all ? .matches : .matchesInView }
        // A party with an eighth of all orders or more finds a page of its Orders tab within a
        // few hundred matches: its orders span every code (a work queue's are the recent ones).
        if scope == .all, inView * 8 >= (try db.scalarInt("SELECT max(id) FROM orders") ?? 0) { return .matches }
        let cap = 2 * inView + 1
        let found = try db.query("\(matches.sql) LIMIT \(cap)", [matches.arg]) { $0.int(0) }
        return found.count < cap ? .allMatches(found) : .view
    }

    /// The page (and count) of `matches` (`.allMatches`) that are in view: ids kept to the
    /// view's, then the page's order rows read by id.
    func pageOf(_ matches: [Int64], visible: String, _ visibleArgs: [Value], scope: OrderScope, limit: Int,
                counting: Bool) throws -> SearchResult {
        guard !matches.isEmpty else { return SearchResult(rows: [], matchCount: 0) }
        let inView = Set(try db.query(FilterPlan.viewIDs(visible), visibleArgs) { $0.int(0) })
        return try page(matches.filter(inView.contains).sorted(), scope: scope, limit: limit, counting: counting)
    }

    /// `.view`: the ids in view, in code order, checked against the text 64, then up to 256,
    /// 1,024 … at a time until a page (or, counting, 1,001) is found or the view is done — after
    /// the last keystroke's `ViewProbe`, only those that can still match.
    func pageOfView(_ probe: (sql: (String) -> String, arg: Value), query: String, visible: String, _ visibleArgs: [Value],
                    scope: OrderScope, limit: Int, counting: Bool, firstChunk: Int = 64) throws -> SearchResult {
        let key = "\(visible) \(visibleArgs) \(try db.dataVersion()) \(try db.scalarInt("SELECT total_changes()") ?? 0)"
        let ids: [Int64]
        var pending: [Int64]
        if let last = lastViewProbe, last.narrows(to: query, key: key) {
            ids = last.ids
            pending = last.matched + ids.drop { $0 <= last.readThrough }
        } else {
            if let last = lastViewProbe, last.key == key { ids = last.ids } else {
                ids = try db.query(FilterPlan.viewIDs(visible), visibleArgs) { $0.int(0) }
            }
            pending = ids
        }
        let wanted = counting ? max(limit, 1_001) : limit
        var found: [Int64] = []
        var next = 0, chunk = firstChunk
        while found.count < wanted && next < pending.count {
            let list = pending[next..<min(pending.count, next + chunk)].map(String.init).joined(separator: ",")
            found += try db.query(probe.sql(list), [probe.arg]) { $0.int(0) }
            next = min(pending.count, next + chunk)
            // Up to four times as many next, fewer when the hit rate so far says a page is near.
            let rate = Double(max(found.count, 1)) / Double(next)
            chunk = min(chunk * 4, max(firstChunk, Int(Double(wanted - found.count) / rate * 1.25)))
        }
        lastViewProbe = FilterPlan.ViewProbe(key: key, query: query, ids: ids, readThrough: next > 0 ? pending[next - 1] : 0, matched: found)
        return try page(found, scope: scope, limit: limit, counting: counting)
    }

    /// The first `limit` of `found` (in code order) as rows, and how many were found: every
    /// match in view, or (cut short) at least a page, or counting, 1,001 ("1,000+").
    private func page(_ found: [Int64], scope: OrderScope, limit: Int, counting: Bool) throws -> SearchResult {
        let ids = found.prefix(limit).map(String.init).joined(separator: ",")
        let rows = ids.isEmpty ? [] : try db.query("SELECT \(OrderListing.columns(for: scope)) FROM orders WHERE id IN (\(ids)) ORDER BY id") {
            try OrderListing($0)
        }
        // As the other paths answer: without counting, a full page says only "at least".
        if !counting && rows.count == limit { return SearchResult(rows: rows, matchCount: rows.count, isLowerBound: true) }
        return SearchResult(rows: rows, matchCount: min(found.count, 1_001))
    }
}
