import Foundation
import TradeGuardCore

/// The reads behind every list and tab. Each is one index range — O(page), never O(orders) —
/// and runs in its own short read transaction.
extension Store {
    /// A page of `party`'s orders seen from `side`. `after` nil starts at the beginning (forward)
    /// or the end (backward). Non-`all` scopes are sorted by deadline (their indexes' order).
    public func listOrders(for party: Handle, side: PartyKind, scope: OrderScope = .all, sort: OrderSort = .code,
                           after key: PageKey? = nil, direction: PageDirection = .forward, limit: Int = 50) throws -> [OrderListing] {
        if case let .disputes(queue) = scope {
            guard side == .platform else { throw StoreError.invalid("Only the platform has the dispute queues.") }
            return try listDisputes(queue, after: key, direction: direction, limit: limit)
        }
        guard side == .supplier || side == .buyer else { throw StoreError.invalid("Only suppliers and buyers have order lists.") }
        if scope != .all && sort != .deadline {
            throw StoreError.invalid("Only the full list can be sorted by \(sort.title); work queues are sorted by deadline.")
        }
        return try read {
            let record = try parties.require(party)
            let plan = QueryPlan(side: side, scope: scope, sort: sort)
            var sql = "SELECT \(OrderListing.columns(for: scope)) FROM orders WHERE \(plan.partyColumn) = ?"
            var args: [Value] = [.int(record.id)]
            if let (predicate, values) = plan.scopePredicate {
                sql += " AND \(predicate)"
                args += values
            }
            if let key {
                let op = direction == .forward ? ">" : "<"
                sql += " AND (\(plan.keyColumns.joined(separator: ", "))) \(op) (\(Array(repeating: "?", count: key.values.count).joined(separator: ", ")))"
                args += key.values
            }
            let order = direction == .forward ? "" : " DESC"
            sql += " ORDER BY " + plan.keyColumns.map { $0 + order }.joined(separator: ", ") + " LIMIT ?"
            args.append(.int(Int64(limit)))
            let rows = try db.query(sql, args) { try OrderListing($0) }
            return direction == .forward ? rows : rows.reversed()
        }
    }

    /// The key that continues a list after (or before) `row`.
    public func pageKey(of row: OrderListing, side: PartyKind, sort: OrderSort, scope: OrderScope = .all) -> PageKey {
        let id = Value.int(row.code.number)
        // The platform's queues page by the column their index is in (`DisputeQueue.from`).
        if case .disputes(.escalated) = scope, let dispute = row.dispute {
            return PageKey(values: [Value(dispute.escalatedAt?.secondsSinceEpoch), .int(dispute.id)])
        }
        if case .disputes(.open) = scope { return PageKey(values: [id]) }
        switch sort {
        case .code: return PageKey(values: [id])
        case .counterparty: return PageKey(values: [.text(side == .supplier ? row.buyerName : row.supplierName), id])
        case .total: return PageKey(values: [.int(row.sortTotalUSD), id])
        case .state: return PageKey(values: [.text(row.state.rawValue), .int(row.deadlineSort), id])
        case .deadline: return PageKey(values: [.int(row.deadlineSort), id])
        }
    }

    /// How many orders each scope holds for `party`, from the counters table: no scan.
    public func orderCounts(for party: Handle, side: PartyKind) throws -> OrderCounts {
        try read {
            let record = try parties.require(party)
            // The platform's queues are disputes of every party, counted on their own indexes.
            if side == .platform { return OrderCounts(side: side, rows: [], disputes: try disputeCounts()) }
            let rows = try counterRows(of: record.id, side: side)
            // Orders whose unpaid balance holds the shipment also await the buyer (one bounded read).
            let owed = try db.scalarInt(Self.balanceOwedCount(side: side), [.int(record.id)]) ?? 0
            // A negotiated dispute waits on whichever side must answer, not on the platform as
            // its state says: the party's disputed orders, from the (party, state) index.
            var negotiated: [PartyKind: Int] = [:]
            for (kind, n) in try db.query(Self.negotiatedWaiting(side: side), [.int(record.id)],
                                          row: { (r: Statement) in (try decode(PartyKind.self, r.text(0)), Int(r.int(1))) }) {
                negotiated[kind] = n
            }
            return OrderCounts(side: side, rows: rows, balanceOwed: Int(owed), negotiatedDisputes: negotiated)
        }
    }

    /// The party's counters: orders by state, initiator and whether payable.
    func counterRows(of partyID: Int64, side: PartyKind) throws -> [(OrderState, PartyKind, Bool, Int)] {
        try db.query("SELECT state, initiator, payable, n FROM order_counts WHERE party_id = ? AND side = ? AND n > 0",
                     [.int(partyID), .text(side.rawValue)]) { r in
            (try decode(OrderState.self, r.text(0)), try decode(PartyKind.self, r.text(1)), r.int(2) == 1, Int(r.int(3)))
        }
    }

    /// The orders whose text holds the folded `query`, as a subquery of `rid`s in id order: from
    /// three characters the trigram index, shorter words of scripts written without spaces
    /// their own index; nil when neither index can answer (the caller falls back).
    static func indexedMatches(_ query: String) -> (sql: String, arg: Value)? {
        if query.count >= 3 {
            return ("SELECT rowid AS rid FROM order_search WHERE order_search MATCH ?",
                    .text("\"" + query.replacingOccurrences(of: "\"", with: "\"\"") + "\""))
        }
        if SearchFolding.isShortUnspaced(query) { return ("SELECT order_id AS rid FROM order_grams WHERE gram = ?", .text(query)) }
        return nil
    }

    /// A party's orders whose balance the buyer owes (blocking shipment, or after receipt), up to
    /// 1,001: entries of the side's partial index (schema 10), no order row read — it runs before
    /// the first frame.
    static func balanceOwedCount(side: PartyKind) -> String {
        // Named: without statistics the planner takes the (party, state) index and reads the rows.
        "SELECT count(*) FROM (SELECT 1 FROM orders INDEXED BY orders_\(side.rawValue)_balance_owed "
            + "WHERE \(side == .supplier ? "supplier_id" : "buyer_id") = ? AND \(QueryPlan.buyerOwesBalance) LIMIT 1001)"
    }

    /// A party's disputed orders waiting on the supplier or the buyer, by which: exactly its open
    /// negotiated disputes before escalation (`Order.waitingOnKind`: a disputed order waits on
    /// the side to answer while negotiated, else on the platform; `check` holds the stored column
    /// to it). Only those have a deadline (the answer's, `Negotiation.due`, nil once escalated),
    /// so the index range of the party's disputed orders with one holds them and no others, and
    /// only their rows are read. It read every open negotiated dispute of the platform, then each
    /// one's order by id: at a million orders, some 170 scattered pages before the first frame of
    /// a cold start (issue 19). Before that, a plain join walked the party's orders (16 s).
    static func negotiatedWaiting(side: PartyKind) -> String {
        """
        SELECT waiting_on, count(*) FROM orders INDEXED BY orders_\(side.rawValue)_by_state
        WHERE \(side == .supplier ? "supplier_id" : "buyer_id") = ? AND state = 'disputed' AND deadline_sort < \(OrderRows.noDeadline)
          AND waiting_on IN ('supplier', 'buyer')
        GROUP BY waiting_on
        """
    }

    /// Orders of `party` in `scope` matching `text`, compared folded (`SearchFolding`: no case,
    /// accents or compatibility forms): substrings of the code, both handles and names, the
    /// state, line descriptions, carrier and tracking number, in any script from 3 characters
    /// (FTS5 trigram), in code order; one or two characters of a script written without spaces
    /// (智能, 田中) through the short-piece index; other short text matches the beginning of
    /// the other party's name (as typed, or capitalised), in name order, and an order number.
    /// `matchCount` stops at 1,001 ("1,000+").
    ///
    /// A keystroke's cost follows the page or the queue in view, not how many orders the text
    /// matches in the whole file (`FilterPlan`): a small view is read from its own index and each
    /// of its orders checked against the text, unless the text has fewer matches than that; a
    /// large one streams the trigram matches in rowid order, checked against the view's ids or
    /// its order rows, and stops at `limit`. A short prefix is a range of the (party, name, id)
    /// index, checked against a work queue's ids before any order row is read.
    ///
    /// `counting: false` skips the count when the page is full (it is the costly part: up to
    /// 1,001 order rows read); the result then says "at least this many" (`isLowerBound`).
    public func searchOrders(for party: Handle, side: PartyKind, scope: OrderScope = .all, text: String, limit: Int = 50,
                             counting: Bool = true) throws -> SearchResult {
        try searchOrders(for: party, side: side, scope: scope, text: text, limit: limit, counting: counting,
                         scopeFirstLimit: FilterPlan.scopeFirstLimit)
    }

    /// `searchOrders` with the view size up to which each order in view is checked against the
    /// text (`FilterPlan`); tests compare both ways of answering.
    func searchOrders(for party: Handle, side: PartyKind, scope: OrderScope, text: String, limit: Int, counting: Bool,
                      scopeFirstLimit: Int) throws -> SearchResult {
        if case let .disputes(queue) = scope {
            return try searchDisputes(queue, text: text, limit: limit, counting: counting, scopeFirstLimit: scopeFirstLimit)
        }
        let typed = text.trimmingCharacters(in: .whitespaces)
        let query = SearchFolding.fold(typed)
        guard !query.isEmpty else { return SearchResult(rows: [], matchCount: 0) }
        return try read {
            let record = try parties.require(party)
            let plan = QueryPlan(side: side, scope: scope, sort: .code)
            var visible = "\(plan.partyColumn) = ?"
            var visibleArgs: [Value] = [.int(record.id)]
            if let (predicate, values) = plan.scopePredicate {
                visible += " AND \(predicate)"
                visibleArgs += values
            }
            // A work queue's ids come from its own index (the Orders tab's are the party's every
            // order; the buyer's Overview is two indexes' union, which SQLite reads by walking them).
            let idsReadCheaply = scope != .all && scope != .waitingOn(.buyer)
            if let matches = Self.indexedMatches(query), let probe = FilterPlan.probe(query) {
                let start = try filterStart(for: party, side: side, scope: scope, matches: matches, scopeFirstLimit: scopeFirstLimit)
                switch start {
                case let .allMatches(ids): return try pageOf(ids, visible: visible, visibleArgs, scope: scope, limit: limit, counting: counting)
                case .view:
                    return try pageOfView(probe, query: query, visible: visible, visibleArgs, scope: scope, limit: limit, counting: counting)
                case .matchesInView, .matches: break
                }
                let (from, args) = FilterPlan.from(start, matches: matches, visible: visible, visibleArgs)
                let rows = try db.query("SELECT \(OrderListing.columns(for: scope)) FROM \(from) ORDER BY m.rid LIMIT ?", args + [.int(Int64(limit))]) {
                    try OrderListing($0)
                }
                if !counting && rows.count == limit { return SearchResult(rows: rows, matchCount: rows.count, isLowerBound: true) }
                // A page short of the limit holds every match: counting would read them all again.
                if rows.count < limit { return SearchResult(rows: rows, matchCount: min(rows.count, 1_001)) }
                let count = try db.scalarInt("SELECT count(*) FROM (SELECT 1 FROM \(from) LIMIT 1001)", args) ?? 0
                return SearchResult(rows: rows, matchCount: Int(count))
            }
            let query = typed
            let nameColumn = side == .supplier ? "buyer_name" : "supplier_name"
            let capitalised = query.prefix(1).uppercased() + query.dropFirst()
            var rows: [OrderListing] = []
            var count = 0
            var counted = true
            if let number = Int64(query), number > 0 {
                rows += try db.query("SELECT \(OrderListing.columns(for: scope)) FROM orders WHERE id = ? AND \(visible)", [.int(number)] + visibleArgs) {
                    try OrderListing($0)
                }
                count += rows.count
            }
            // The name columns are COLLATE NOCASE: for an ASCII first letter, the capitalised
            // range is the same one (read twice, and counted twice, until 7 December).
            for prefix in capitalised == query || query.first?.isASCII == true ? [query] : [query, capitalised] {
                let (from, args) = FilterPlan.namePrefix(prefix, party: record.id, plan: plan, visible: visible, visibleArgs,
                                                         viewIDs: idsReadCheaply)
                rows += try db.query("SELECT \(OrderListing.columns(for: scope)) FROM \(from) ORDER BY \(nameColumn), id LIMIT ?", args + [.int(Int64(limit))]) {
                    try OrderListing($0)
                }
                if counting { count += Int(try db.scalarInt("SELECT count(*) FROM (SELECT 1 FROM \(from) LIMIT 1001)", args) ?? 0) }
                else { counted = false }
            }
            var seen = Set<Int64>()
            let unique = rows.filter { seen.insert($0.code.number).inserted }   // an order number can also begin a name
            let page = Array(unique.prefix(limit))
            if !counted && page.count == limit { return SearchResult(rows: page, matchCount: page.count, isLowerBound: true) }
            return SearchResult(rows: page, matchCount: counted ? min(count, 1_001) : page.count)
        }
    }

    /// The audit trail of one order, oldest first.
    public func events(of code: OrderCode) throws -> [StoredEvent] {
        try read {
            try db.query("""
                SELECT id, at, actor, action, from_state, to_state, payload, hash FROM events WHERE order_id = ? ORDER BY id
                """, [.int(code.number)]) { r in
                StoredEvent(id: r.int(0), event: AuditEvent(actor: r.text(2), action: r.text(3), order: code,
                                                             fromState: r.optionalText(4).flatMap(OrderState.init),
                                                             toState: r.optionalText(5).flatMap(OrderState.init),
                                                             at: Instant(secondsSinceEpoch: r.int(1)),
                                                             payload: EventPayload.decode(r.text(6)) ?? []),
                            hash: r.blob(7))
            }
        }
    }

    /// The newest exchange rate for each currency (as of `date`).
    public func currentRates(on date: CalendarDate) throws -> [ExchangeRate] {
        try read { try Currency.all.compactMap { $0 == .usd ? nil : try rate(for: $0, on: date) } }
    }

    /// All parties, platform first, then by kind and handle.
    public func allParties() throws -> [PartyRecord] { try read { try parties.all() } }

    public func party(_ handle: Handle) throws -> PartyRecord { try read { try parties.require(handle) } }
}

public struct StoredEvent: Equatable, Sendable {
    public let id: Int64
    public let event: AuditEvent
    public let hash: [UInt8]
}

public struct SearchResult: Equatable, Sendable {
    public let rows: [OrderListing]
    /// At most 1,001: more than 1,000 is shown as "1,000+".
    public let matchCount: Int
    /// True when only `matchCount` were looked at and there may be more (the count is pending).
    public let isLowerBound: Bool
    public var countText: String { matchCount > 1_000 ? "1,000+" : isLowerBound ? "\(matchCount)+" : String(matchCount) }

    public init(rows: [OrderListing], matchCount: Int, isLowerBound: Bool = false) {
        self.rows = rows
        self.matchCount = matchCount
        self.isLowerBound = isLowerBound
    }
}

/// Tab counts for one party and side, summed from the counters table.
public struct OrderCounts: Equatable, Sendable {
    let side: PartyKind
    let rows: [(OrderState, PartyKind, Bool, Int)]
    /// Orders whose balance, due before shipment, is unpaid: they await the buyer too.
    var balanceOwed = 0
    /// Open negotiated disputes waiting on the supplier or the buyer, by which (the rest of the
    /// disputed wait on the platform).
    var negotiatedDisputes: [PartyKind: Int] = [:]
    /// The platform's queues (side `.platform` only).
    var disputes: [DisputeQueue: Int] = [:]

    public static func == (a: OrderCounts, b: OrderCounts) -> Bool {
        a.side == b.side && a.balanceOwed == b.balanceOwed && a.negotiatedDisputes == b.negotiatedDisputes && a.disputes == b.disputes
            && OrderScopeCountsKey(a) == OrderScopeCountsKey(b)
    }

    public func count(_ scope: OrderScope) -> Int {
        if case let .disputes(queue) = scope { return disputes[queue] ?? 0 }
        // Those states wait on the supplier or on nobody by state, so the balances the buyer owes
        // add, never overlap.
        var extra = scope == .waitingOn(.buyer) ? balanceOwed : 0
        if case let .waitingOn(kind) = scope {
            // Every disputed order waits on the platform, unless negotiated: then on the side to answer.
            let disputed = rows.filter { $0.0 == .disputed }.reduce(0) { $0 + $1.3 }
            let moved = negotiatedDisputes.filter { $0.key != .platform }.values.reduce(0, +)
            extra += kind == .platform ? max(0, disputed - moved) : negotiatedDisputes[kind] ?? 0
        }
        return extra + rows.reduce(0) { sum, row in
            let (state, initiator, payable, n) = row
            let queue = OrderQueue.of(state: state, initiator: initiator, side: side)
            let included: Bool
            switch scope {
            case .all: included = queue != .hidden
            case let .queue(q): included = queue == q
            case .payable: included = payable
            case let .waitingOn(kind):
                // Disputed orders are counted once, below, by the side each waits on.
                included = state != .disputed && queue != .hidden && OrderCounts.waitingOn(state, initiator) == kind
            case let .state(s): included = state == s && queue != .hidden
            case .disputes: included = false
            }
            return included ? sum + n : sum
        }
    }

    static func waitingOn(_ state: OrderState, _ initiator: PartyKind) -> PartyKind? {
        switch state.waitingOn {
        case .initiator?: return initiator
        case .counterparty?: return initiator == .supplier ? .buyer : .supplier
        case .supplier?: return .supplier
        case .buyer?: return .buyer
        case .platform?: return .platform
        default: return nil
        }
    }
}

private struct OrderScopeCountsKey: Equatable {
    let values: [String]
    init(_ c: OrderCounts) { values = c.rows.map { "\($0.0) \($0.1) \($0.2) \($0.3)" }.sorted() }
}

/// Which columns a list filters and sorts on, chosen so each list is one index range.
struct QueryPlan {
    let side: PartyKind
    let scope: OrderScope
    let sort: OrderSort

    var partyColumn: String { side == .supplier ? "supplier_id" : "buyer_id" }

    /// `Order.buyerOwesBalance` in SQL: the buyer has a move on these as well.
    static let buyerOwesBalance = SchemaV10.buyerOwesBalance

    var keyColumns: [String] {
        switch sort {
        case .code: return ["id"]
        case .counterparty: return [side == .supplier ? "buyer_name" : "supplier_name", "id"]
        case .total: return ["sort_total_usd", "id"]
        case .state: return ["state", "deadline_sort", "id"]
        case .deadline: return ["deadline_sort", "id"]
        }
    }

    var scopePredicate: (String, [Value])? {
        let queueColumn = "\(side.rawValue)_queue"
        switch scope {
        case .all: return ("\(queueColumn) <> 'hidden'", [])
        case let .queue(queue): return ("\(queueColumn) = ?", [.text(queue.rawValue)])
        case .payable: return ("payable = 1", [])
        case .waitingOn(.buyer):
            return ("(waiting_on = 'buyer' OR (\(Self.buyerOwesBalance))) AND \(queueColumn) <> 'hidden'", [])
        case let .waitingOn(kind): return ("waiting_on = ? AND \(queueColumn) <> 'hidden'", [.text(kind.rawValue)])
        case let .state(state): return ("state = ? AND \(queueColumn) <> 'hidden'", [.text(state.rawValue)])
        // Read from the disputes' own indexes (`Store.listDisputes`), never through a party's plan.
        case .disputes: return ("0", [])
        }
    }
}
