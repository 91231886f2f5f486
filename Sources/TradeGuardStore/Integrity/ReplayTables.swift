import CSQLite
import TradeGuardCore

/// A child table as replay compares it: an ordered scan (by order id, then in the order the
/// log implies its rows) whose columns are the order id, a row label, then `columns`.
final class ReplayTable {
    let name: String
    let columns: [String]
    /// Columns holding money in the order's currency, and in US cents.
    let money: Set<String>
    let usd: Set<String>
    /// The column shown beside the order code to say which row ("key", "item"), if any.
    let keyColumn: String?
    private let cursor: ChildCursor

    init(_ db: Database, _ name: String, label: String, columns: [String], order: String, money: Set<String> = [],
         usd: Set<String> = [], keyColumn: String? = nil) throws {
        self.name = name
        // A column may be an expression named by `AS name`: it is selected whole, shown by name.
        self.columns = columns.map { $0.components(separatedBy: " AS ").last ?? $0 }
        self.money = money
        self.usd = usd
        self.keyColumn = keyColumn
        cursor = try ChildCursor(db, "SELECT order_id, \(label), \(columns.joined(separator: ", ")) FROM \(name) WHERE order_id IS NOT NULL ORDER BY \(order)")
    }

    /// The first difference between this order's stored rows and the rows its log implies, as
    /// one sentence; nil when they agree. `implied` pairs each row with the event that set it.
    /// Compared in place, column by column against the statement (no row is copied out unless
    /// it differs): every order's every child row passes through here.
    func compare(order id: Int64, code: OrderCode, currency: Currency, implied: [(values: [Value], event: Int)],
                 events: [LoggedEvent]) throws -> String? {
        var index = 0
        var difference: String?
        try cursor.rows(for: id) { r in
            defer { index += 1 }
            guard difference == nil else { return }   // the cursor still passes every row of the order
            func place() -> String { "\(name) row \(ReplayFormat.value(r.value(1), money: nil)) (\(code)\(keyText(r)))" }
            guard index < implied.count else { difference = "\(place()): the log implies no such row"; return }
            let expected = implied[index].values
            for (c, column) in columns.enumerated() where !r.holds(2 + c, expected[c]) {
                let unit: Currency? = money.contains(column) ? currency : usd.contains(column) ? .usd : nil
                difference = "\(place()): \(column) is \(ReplayFormat.value(r.value(2 + c), money: unit)) but the log implies "
                    + "\(ReplayFormat.value(expected[c], money: unit)) (\(events[implied[index].event].label))"
                return
            }
        }
        if difference == nil && index < implied.count {
            return "\(name) of \(code): a row is missing that the log implies (\(events[implied[index].event].label))"
        }
        return difference
    }

    private func keyText(_ r: Statement) -> String {
        guard let keyColumn, let index = columns.firstIndex(of: keyColumn) else { return "" }
        if case let .text(t) = r.value(2 + index) { return ", \(keyColumn) \(t)" }
        return ""
    }
}

extension Statement {
    /// Whether column `i` reads as `expected` (as `value(i) == expected` would say), without
    /// building the value when the bytes already agree.
    func holds(_ i: Int, _ expected: Value) -> Bool {
        let column = Int32(i)
        switch expected {
        case .null:
            return sqlite3_column_type(handle, column) == SQLITE_NULL
        case let .int(n):
            return sqlite3_column_type(handle, column) == SQLITE_INTEGER && sqlite3_column_int64(handle, column) == n
        case let .text(t):
            if sqlite3_column_type(handle, column) == SQLITE_TEXT, let p = sqlite3_column_text(handle, column) {
                let stored = UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column)))
                if ByteCompare.equal(t, stored) { return true }
            }
            // Bytes that differ may still be the same String (canonical equivalence): ask the slow way.
            return value(i) == expected
        default:
            return value(i) == expected
        }
    }
}

/// The child tables replay covers and the rows a replayed order implies for each.
struct ReplayChildren {
    let tables: [ReplayTable]
    private let partyIDs: [Handle: Int64]

    init(db: Database, partyIDs: [Handle: Int64]) throws {
        self.partyIDs = partyIDs
        tables = [
            try ReplayTable(db, "order_lines", label: "line_no",
                            columns: ["line_no", "description", "quantity_milli", "unit", "unit_price", "quality", "inspection"],
                            order: "order_id, line_no", money: ["unit_price"]),
            try ReplayTable(db, "payment_terms", label: "term", columns: ["term", "amount", "due"], order: "order_id, term", money: ["amount"]),
            try ReplayTable(db, "payment_links", label: "order_id", columns: ["token", "issued_at"], order: "order_id"),
            try ReplayTable(db, "payments", label: "id", columns: ["idempotency_key", "term", "amount", "currency", "method", "at"],
                            order: "order_id, id", money: ["amount"], keyColumn: "idempotency_key"),
            try ReplayTable(db, "checklist_ticks", label: "item", columns: ["item", "by_party", "at", "note"], order: "order_id, item"),
            try ReplayTable(db, "contacts", label: "id", columns: ["by_party", "at", "note"], order: "order_id, id"),
            try ReplayTable(db, "shipments", label: "order_id", columns: ["carrier", "tracking", "at"], order: "order_id"),
            try ReplayTable(db, "extension_requests", label: "id", columns: ["days", "reason", "requested_at", "answer", "answered_at"],
                            order: "order_id, id"),
            try ReplayTable(db, "disputes", label: "id", columns: ["reason", "amount", "opened_at", "from_state", "refund", "resolved_at",
                                                                   "kind", "stage", "due_at", "evidence_request", "outcome", "remedy",
                                                                   "refund_due", "points", "reasoning", "refund_paid_at", "refund_reference", "escalated_at"],
                            order: "order_id, id", money: ["amount", "refund"]),
            try ReplayTable(db, "dispute_proposals", label: "id", columns: ["by_side", "remedy", "refund", "note", "at", Self.disputeNumber("dispute_proposals")],
                            order: "order_id, id", money: ["refund"]),
            try ReplayTable(db, "dispute_evidence", label: "id", columns: ["description", "reference", "by_party", "at", Self.disputeNumber("dispute_evidence")],
                            order: "order_id, id"),
            try ReplayTable(db, "amendments", label: "number", columns: AmendmentRows.columns, order: "order_id, number",
                            money: ["route_freight"]),
            try ReplayTable(db, "limit_ledger", label: "id", columns: ["supplier_id", "kind", "amount_usd", "rate_micros", "at", "event_id"],
                            order: "order_id, id", usd: ["amount_usd"]),
        ]
    }

    /// A proposal's or evidence item's `dispute_id`, compared as which of its order's disputes it
    /// belongs to (1 for the first): row ids are the store's, the ordinal is the log's. An id
    /// pointing at another order's dispute, or at none, reads as NULL and never matches.
    static func disputeNumber(_ table: String) -> String {
        "(SELECT CASE WHEN d.order_id = \(table).order_id THEN (SELECT count(*) FROM disputes d2 WHERE d2.order_id = d.order_id AND d2.id <= d.id) END "
            + "FROM disputes d WHERE d.id = \(table).dispute_id) AS dispute_id"
    }

    /// The first difference in any child table, or nil.
    func compare(_ r: ReplayedOrder, id: Int64, events: [LoggedEvent]) throws -> String? {
        let o = r.order
        let implied = rows(r, events: events)
        var first: String?
        // Every cursor must advance past this order, difference or not.
        for (table, rows) in zip(tables, implied) {
            let found = try table.compare(order: id, code: o.code, currency: o.currency, implied: rows, events: events)
            if first == nil { first = found }
        }
        return first
    }

    /// Checklist items in the order of their rows (`ORDER BY order_id, item`), sorted once
    /// rather than each order's ticks by name.
    private static let itemsByName = ChecklistItem.allCases.sorted { $0.rawValue < $1.rawValue }

    /// Per table, in `tables` order: the rows the replayed order implies, each with its event.
    private func rows(_ r: ReplayedOrder, events: [LoggedEvent]) -> [[(values: [Value], event: Int)]] {
        let o = r.order
        let lines = o.contract.lines.enumerated().map { n, line in
            (values: [Value.int(Int64(n + 1)), .text(line.description), .int(line.quantity.thousandths), .text(line.unit),
                      .int(line.unitPrice.minorUnits), .text(line.quality), .int(line.inspectionRequired ? 1 : 0)], event: r.contractEvent)
        }
        var terms: [(values: [Value], event: Int)] = []
        var links: [(values: [Value], event: Int)] = []
        if o.coverage != nil, let event = r.confirmEvent {
            terms = [([.text("advance"), .int(o.advanceAmount.minorUnits), .text("on confirmation")], event),
                     ([.text("balance"), .int(o.balanceAmount.minorUnits), .text(o.contract.balanceDue.rawValue)], event)]
            if let token = o.paymentLink { links = [([.text(token.text), .int(o.confirmedAt?.secondsSinceEpoch ?? 0)], event)] }
        }
        let payments = zip(o.payments, r.paymentEvents).map { p, event in
            (values: [Value.text(p.key.value), .text(p.term.rawValue), .int(p.amount.minorUnits), .text(p.amount.currency.code),
                      .text(p.method.rawValue), .int(p.at.secondsSinceEpoch)], event: event)
        }
        let ticks = Self.itemsByName.compactMap { item in
            o.checklist[item].map { tick in
                (values: [Value.text(item.rawValue), .text(tick.by.value), .int(tick.at.secondsSinceEpoch), .text(tick.note)],
                 event: r.tickEvents[item] ?? 0)
            }
        }
        let contacts = zip(o.contacts, r.contactEvents).map { c, event in
            (values: [Value.text(c.by.value), .int(c.at.secondsSinceEpoch), .text(c.note)], event: event)
        }
        let shipments = o.shipment.map { s in [(values: [Value.text(s.carrier), .text(s.tracking), .int(s.at.secondsSinceEpoch)], event: r.shipmentEvent ?? 0)] } ?? []
        let ledger = r.ledger.map { entry, event in
            (values: [Value(partyIDs[entry.supplier]), .text(entry.kind.rawValue), .int(entry.amount.minorUnits), Value(entry.rateMicros),
                      .int(events[event].event.at.secondsSinceEpoch), .int(events[event].id)], event: event)
        }
        return [lines, terms, links, payments, ticks, contacts, shipments,
                r.extensions.map { ($0.values, $0.event) }, r.disputes.map { ($0.values, $0.event) },
                r.proposals.map { ($0.values, $0.event) }, r.evidence.map { ($0.values, $0.event) },
                zip(o.amendments, r.amendmentEvents).map { (AmendmentRows.values($0), $1) }, ledger]
    }
}
