import Foundation
import TradeGuardCore

/// The platform's queues (issue 21): disputes of every party, read through the `disputes`
/// table's own partial indexes and joined to each order by its id — a page costs a page, however
/// many orders and disputes exist.
public enum DisputeQueue: String, Sendable, CaseIterable {
    /// Escalated disputes, waiting for the platform's decision, longest waiting first (by when each was escalated).
    case escalated
    /// Every open dispute at any stage (and the older form, which has none), in code order.
    case open
}

/// What a platform queue row adds to its order: the dispute and each side's latest position.
public struct DisputeSummary: Equatable, Sendable {
    /// The `disputes` row: the Escalated queue pages by it.
    public let id: Int64
    /// Nil for a dispute of the older form (no negotiation).
    public let kind: DisputeKind?
    public let stage: DisputeStage?
    /// What the buyer had paid when it opened the dispute.
    public let paid: Money
    public let openedAt: Instant
    /// The answering side's due date (nil once escalated).
    public let due: Instant?
    /// Each side's latest proposal (nil: none made).
    public let buyerPosition: Remedy?
    public let supplierPosition: Remedy?
    /// When it reached the platform (by the buyer, or by the clock); nil unless escalated.
    public let escalatedAt: Instant?
}

extension DisputeQueue {
    /// The dispute columns a platform row reads after the order's: each position and the
    /// escalation are one short range of their order's index rows.
    static let columns = """
        , d.id, d.kind, d.stage, d.amount, d.opened_at, d.due_at,
        (SELECT p.remedy FROM dispute_proposals p WHERE p.order_id = orders.id AND p.dispute_id = d.id AND p.by_side = 'buyer' ORDER BY p.id DESC LIMIT 1),
        (SELECT p.refund FROM dispute_proposals p WHERE p.order_id = orders.id AND p.dispute_id = d.id AND p.by_side = 'buyer' ORDER BY p.id DESC LIMIT 1),
        (SELECT p.remedy FROM dispute_proposals p WHERE p.order_id = orders.id AND p.dispute_id = d.id AND p.by_side = 'supplier' ORDER BY p.id DESC LIMIT 1),
        (SELECT p.refund FROM dispute_proposals p WHERE p.order_id = orders.id AND p.dispute_id = d.id AND p.by_side = 'supplier' ORDER BY p.id DESC LIMIT 1),
        CASE WHEN d.stage = 'escalated' THEN d.escalated_at END
        """

    /// The disputes of this queue joined to their orders (`d` and `orders`), and the columns a
    /// page continues after. The escalated ones run by when they reached the platform, the
    /// longest waiting first (schema 11's index; the dispute's id breaks ties). The open disputes
    /// run by order through their unique partial index.
    var from: (sql: String, keys: [String]) {
        switch self {
        case .escalated:
            return ("""
                disputes d INDEXED BY disputes_escalated CROSS JOIN orders ON orders.id = d.order_id
                WHERE d.stage = 'escalated' AND d.resolved_at IS NULL AND d.due_at IS NULL
                """, ["d.escalated_at", "d.id"])
        case .open:
            return ("""
                disputes d INDEXED BY disputes_one_open CROSS JOIN orders ON orders.id = d.order_id
                WHERE d.resolved_at IS NULL
                """, ["d.order_id"])
        }
    }

    /// The queue's open disputes in code order (their unique index on the order), each kept
    /// when `check` (a condition on `d.order_id`) holds, before its order row is read.
    func checkedFrom(_ check: String) -> String {
        let stage = self == .escalated ? " AND d.stage = 'escalated' AND d.due_at IS NULL" : ""
        return """
            disputes d INDEXED BY disputes_one_open CROSS JOIN orders ON orders.id = d.order_id
            WHERE d.resolved_at IS NULL\(stage) AND \(check)
            """
    }

    /// How many rows the queue holds: a count over its index alone.
    var countSQL: String {
        switch self {
        case .escalated:
            return "SELECT count(*) FROM disputes INDEXED BY disputes_escalated WHERE stage = 'escalated' AND resolved_at IS NULL AND due_at IS NULL"
        case .open:
            return "SELECT count(*) FROM disputes INDEXED BY disputes_one_open WHERE resolved_at IS NULL"
        }
    }
}

extension Store {
    /// A page of a platform queue: `after` is the page key of the row before (nil: from the
    /// start, or from the end going backward).
    func listDisputes(_ queue: DisputeQueue, after key: PageKey?, direction: PageDirection, limit: Int) throws -> [OrderListing] {
        try read {
            let (from, keyColumns) = queue.from
            var sql = "SELECT \(OrderListing.qualifiedColumns)\(DisputeQueue.columns) FROM \(from)"
            var args: [Value] = []
            if let key, key.values.count == keyColumns.count {
                sql += " AND (\(keyColumns.joined(separator: ", "))) \(direction == .forward ? ">" : "<") (\(keyColumns.map { _ in "?" }.joined(separator: ", ")))"
                args += key.values
            }
            let order = direction == .forward ? "" : " DESC"
            sql += " ORDER BY " + keyColumns.map { $0 + order }.joined(separator: ", ") + " LIMIT ?"
            args.append(.int(Int64(limit)))
            let rows = try db.query(sql, args) { try OrderListing($0, disputeAt: OrderListing.baseColumnCount) }
            return direction == .forward ? rows : rows.reversed()
        }
    }

    /// The number of disputes in each platform queue.
    func disputeCounts() throws -> [DisputeQueue: Int] {
        var counts: [DisputeQueue: Int] = [:]
        for queue in DisputeQueue.allCases { counts[queue] = Int(try db.scalarInt(queue.countSQL, []) ?? 0) }
        return counts
    }

    /// A platform queue's rows matching `text` (see `searchOrders`): substrings from three
    /// characters through the trigram index, each match checked against its open dispute, or an
    /// order number. In code order; `matchCount` stops at 1,001.
    func searchDisputes(_ queue: DisputeQueue, text: String, limit: Int, counting: Bool, scopeFirstLimit: Int) throws -> SearchResult {
        let typed = text.trimmingCharacters(in: .whitespaces)
        let query = SearchFolding.fold(typed)
        guard !query.isEmpty else { return SearchResult(rows: [], matchCount: 0) }
        return try read {
            // The dispute of each matching order, by the open-dispute index (one per order).
            let stage = queue == .escalated ? " AND d.stage = 'escalated' AND d.due_at IS NULL" : ""
            let columns = "\(OrderListing.qualifiedColumns)\(DisputeQueue.columns)"
            // The parties' search indexes, else a short order number (digits are never a gram).
            let matches: (sql: String, arg: Value)
            if let indexed = Store.indexedMatches(query) {
                matches = indexed
            } else if let number = Int64(typed), number > 0 {
                matches = ("SELECT ? AS rid", .int(number))
            } else {
                return SearchResult(rows: [], matchCount: 0)
            }
            var from = """
                (\(matches.sql)) AS m CROSS JOIN orders ON orders.id = m.rid
                CROSS JOIN disputes d INDEXED BY disputes_one_open ON d.order_id = orders.id AND d.resolved_at IS NULL\(stage)
                """
            var order = "m.rid", arg = matches.arg
            // Open disputes are few and recent (the highest codes): walking the text's matches
            // in code order reached them last. A queue of at most `scopeFirstLimit` disputes is
            // read in code order from the open disputes' index, each checked against the text.
            if let check = FilterPlan.textCheck(query, id: "d.order_id"), try db.scalarInt(queue.countSQL) ?? 0 <= scopeFirstLimit {
                from = queue.checkedFrom(check.sql)
                order = "d.order_id"
                arg = check.arg
            }
            let rows = try db.query("SELECT \(columns) FROM \(from) ORDER BY \(order) LIMIT ?", [arg, .int(Int64(limit))]) {
                try OrderListing($0, disputeAt: OrderListing.baseColumnCount)
            }
            if !counting && rows.count == limit { return SearchResult(rows: rows, matchCount: rows.count, isLowerBound: true) }
            // A page short of the limit holds every match: counting would read them all again.
            if rows.count < limit { return SearchResult(rows: rows, matchCount: min(rows.count, 1_001)) }
            let count = try db.scalarInt("SELECT count(*) FROM (SELECT 1 FROM \(from) LIMIT 1001)", [arg]) ?? 0
            return SearchResult(rows: rows, matchCount: Int(count))
        }
    }
}

extension DisputeSummary {
    /// From a row whose dispute columns (`DisputeQueue.columns`) start at `i`.
    init(_ r: Statement, at i: Int, currency: Currency) throws {
        func remedy(_ k: Int) throws -> Remedy? {
            guard let kind = r.optionalText(k) else { return nil }
            return Remedy(kind: try decode(RemedyKind.self, kind), refund: Money(minorUnits: r.int(k + 1), currency: currency))
        }
        id = r.int(i)
        kind = try r.optionalText(i + 1).map { try decode(DisputeKind.self, $0) }
        stage = try r.optionalText(i + 2).map { try decode(DisputeStage.self, $0) }
        paid = Money(minorUnits: r.int(i + 3), currency: currency)
        openedAt = Instant(secondsSinceEpoch: r.int(i + 4))
        due = r.optionalInt(i + 5).map { Instant(secondsSinceEpoch: $0) }
        buyerPosition = try remedy(i + 6)
        supplierPosition = try remedy(i + 8)
        escalatedAt = r.optionalInt(i + 10).map { Instant(secondsSinceEpoch: $0) }
    }
}
