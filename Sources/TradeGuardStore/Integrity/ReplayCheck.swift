import CSQLite
import TradeGuardCore

extension Store {
    /// "The audit log is the truth; the tables are its cache" (DESIGN §3): replays each order's
    /// events through `Workflow` and compares what it derives with the `orders` row and every
    /// child row, naming the first difference per order. Streams: orders in id order
    /// merge-joined with events ordered by (order_id, id) and each child table, so memory holds
    /// one order's history at a time.
    /// `cancelled` is asked once per order: a replay beside a damage check stops when told.
    static func checkReplay(db: Database, _ report: inout IntegrityReport, _ fault: (String) -> Void,
                            cancelled: () -> Bool = { false }) throws {
        guard let row = try? db.query("SELECT event_id, recompute_id FROM replay_start WHERE id = 1", [], row: { ($0.int(0), $0.int(1)) }).first else {
            fault("replay: the replay_start table is missing or empty, so the log cannot be replayed")
            return
        }
        let start = row.0
        var clock = PhaseClock()
        defer { clock.report() }
        do {
            try GlobalReplay(db: db, start: start, recomputeStart: row.1).check(fault)
        } catch {
            fault("replay: the parties, rates and recomputes could not be replayed: \(error)")
        }
        clock.lap("replay: global pass")
        if start > 1 {
            report.notes.append("events before \(ReplayFormat.grouped(start)) are pre-replay (written by an older version); they are verified by hash only")
        }
        var partyIDs: [Handle: Int64] = [:]
        var handles: [Int64: String] = [:]
        for (id, handle) in try db.query("SELECT id, handle FROM parties", [], row: { ($0.int(0), $0.text(1)) }) {
            handles[id] = handle
            if let h = try? Handle(handle) { partyIDs[h] = id }
        }
        let columns = OrderRows.writableColumns
        let sortIndex = columns.firstIndex(of: "sort_total_usd")!
        let main = try db.prepare("SELECT id, supplier_id, buyer_id, \(columns.joined(separator: ", ")) FROM orders ORDER BY id")
        defer { main.reset() }
        let eventRows = try ChildCursor(db, """
            SELECT order_id, id, at, actor, action, from_state, to_state, payload FROM events WHERE order_id IS NOT NULL ORDER BY order_id, id
            """)
        let children = try ReplayChildren(db: db, partyIDs: partyIDs)
        let keys = try KeyReplay.live(db: db)
        var events: [LoggedEvent] = []
        var stored: [Value] = []
        while try main.step() {
            if cancelled() { return }
            let id = main.int(0)
            let code = OrderCode(number: id)
            events.removeAll(keepingCapacity: true)
            var readable = true
            try eventRows.rows(for: id) { r in
                // An unreadable payload is the chain pass's fault to report.
                guard let payload = EventPayload.decode(r.text(7)) else { readable = false; return }
                events.append(LoggedEvent(id: r.int(1), event: AuditEvent(
                    actor: r.text(3), action: r.text(4), order: code, fromState: ReplayState.read(r, 5),
                    toState: ReplayState.read(r, 6), at: Instant(secondsSinceEpoch: r.int(2)), payload: payload)))
            }
            clock.lap("replay: orders and events read")
            // Child cursors skip the rows of orders passed over here on their next call.
            guard readable else { continue }
            if !keys.isEmpty, let problem = events.lazy.compactMap({ KeyReplay.misattribution($0.event, label: $0.label, keys: keys) }).first {
                fault("\(code): \(problem)")
            }
            if let first = events.first, first.id < start {
                // History begun by an older version: its draft cannot carry the contract.
                if first.event.value("contract") != nil {
                    fault("replay: \(code) begins with a full-content \(first.label) before the replay start \(ReplayFormat.grouped(start)); the start was moved")
                }
                continue
            }
            let outcome = OrderReplay.replay(events, code: code)
            clock.lap("replay: workflow")
            defer { clock.lap("replay: compared") }
            switch outcome {
            case let .failure(problem):
                fault(problem.sentence)
            case let .success(replayed):
                // Nearly every row is the implied one: read in place, no stored value is built.
                if OrderRowComparison.holds(replayed.order, main, sortIndex: sortIndex, handles: handles) {
                    if let difference = try children.compare(replayed, id: id, events: events) { fault(difference) }
                    continue
                }
                stored.removeAll(keepingCapacity: true)
                for i in 0..<(columns.count + 2) { stored.append(main.value(1 + i)) }
                // The implied row once, for both comparisons below.
                let row = OrderRowComparison(replayed.order, stored: stored, sortIndex: sortIndex, handles: handles)
                // Causes before consequences: the order's own terms, then its child rows, then
                // the columns derived from both (a rewritten line price names the line, not the total).
                let terms = orderRowDifference(replayed, row, events: events, derived: false)
                let child = try children.compare(replayed, id: id, events: events)
                if let difference = terms ?? child ?? orderRowDifference(replayed, row, events: events, derived: true) {
                    fault(difference)
                }
            }
        }
    }

    /// The first column of the `orders` row that differs from the replayed order, naming the
    /// event that set the implied value (found by replaying again, only when there is one).
    private static func orderRowDifference(_ r: ReplayedOrder, _ row: OrderRowComparison, events: [LoggedEvent], derived: Bool) -> String? {
        let o = r.order
        let found = row.found, expected = row.expected
        let implied = row.implied
        guard let c = expected.indices.first(where: {
            expected[$0] != found[$0] && Self.derivedColumns.contains($0 < 2 ? "" : OrderRows.writableColumns[$0 - 2]) == derived
        }) else { return nil }
        // Which event set it: the last one after which the implied value changed.
        var setter = 0
        var previous: Value?
        _ = OrderReplay.replay(events, code: o.code) { index, order in
            let value = implied(order)[c]
            if value != previous { setter = index }
            previous = value
        }
        let name = c == 0 ? "supplier_id" : c == 1 ? "buyer_id" : OrderRows.writableColumns[c - 2]
        let unit: Currency? = Self.orderMoney.contains(name) ? o.currency : Self.orderUSD.contains(name) ? .usd : nil
        return "orders row \(o.code.number) (\(o.code)): \(name) is \(ReplayFormat.value(found[c], money: unit)) but the log implies "
            + "\(ReplayFormat.value(expected[c], money: unit)) (\(events[setter].label))"
    }

    /// Columns computed from the terms and the child rows (sums, deadlines, queues, counters).
    private static let derivedColumns: Set<String> = [
        "version", "waiting_on", "next_deadline", "next_deadline_kind", "deadline_sort", "timeout_at", "supplier_queue", "buyer_queue",
        "payable", "total", "sort_total_usd", "paid_advance", "paid_balance",
    ]

    private static let orderMoney: Set<String> = ["total", "freight", "insurance", "advance", "paid_advance", "paid_balance", "refunded"]
    private static let orderUSD: Set<String> = ["sort_total_usd", "total_usd", "covered_usd"]
}

private extension Value {
    /// A party id column shown as the handle it points at.
    func partyHandle(_ handles: [Int64: String]) -> Value {
        if case let .int(id) = self, let handle = handles[id] { return .text(handle) }
        return self
    }
}

/// The `orders` row as stored (party ids shown as handles) beside the row the replayed order
/// implies, built once per order for both passes of `orderRowDifference`.
private struct OrderRowComparison {
    let found: [Value]
    let expected: [Value]
    /// The stored USD estimate: a rate-dependent sort key the log does not fix, taken as stored.
    let storedSort: Int64

    init(_ order: Order, stored: [Value], sortIndex: Int, handles: [Int64: String]) {
        storedSort = if case let .int(n) = stored[2 + sortIndex] { n } else { 0 }
        found = [stored[0].partyHandle(handles), stored[1].partyHandle(handles)] + stored.dropFirst(2)
        expected = Self.implied(order, storedSort: storedSort)
    }

    func implied(_ order: Order) -> [Value] { Self.implied(order, storedSort: storedSort) }

    /// Whether the `orders` row at `main` (id, then supplier_id, buyer_id and the writable
    /// columns from column 1) is the row `order` implies, as `found == expected` would say.
    static func holds(_ order: Order, _ main: Statement, sortIndex: Int, handles: [Int64: String]) -> Bool {
        let storedSort = if case let .int(n) = main.value(1 + 2 + sortIndex) { n } else { Int64(0) }
        let expected = implied(order, storedSort: storedSort)
        for c in expected.indices {
            if c < 2 {
                // A party id, shown as the handle it points at.
                guard case let .text(handle) = expected[c], case let .int(id) = main.value(1 + c), handles[id] == handle else { return false }
            } else if !main.holds(1 + c, expected[c]) {
                return false
            }
        }
        return true
    }

    private static func implied(_ order: Order, storedSort: Int64) -> [Value] {
        [.text(order.supplier.value), .text(order.buyer.value)] + OrderRows.rowValues(order, estimateUSD: storedSort)
    }
}

/// A state column of an event as `OrderState(rawValue:)` reads its text (NULL or an unknown
/// name: none), matched on the column's bytes instead of through a new String: two per event.
enum ReplayState {
    private static let names: [(bytes: [UInt8], state: OrderState)] = OrderState.allCases.map { (Array($0.rawValue.utf8), $0) }

    static func read(_ r: Statement, _ column: Int) -> OrderState? {
        let h = r.handle, c = Int32(column)
        guard sqlite3_column_type(h, c) == SQLITE_TEXT, let p = sqlite3_column_text(h, c) else { return r.optionalText(column).flatMap(OrderState.init) }
        let bytes = UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(h, c)))
        if let state = state(ascii: bytes) { return state }
        // Other ASCII is no state; other text may still equal a name as a String (canonical equivalence).
        return bytes.allSatisfy { $0 < 0x80 } ? nil : OrderState(rawValue: r.text(column))
    }

    /// The state whose name is exactly these bytes, if any.
    static func state(ascii bytes: UnsafeRawBufferPointer) -> OrderState? {
        // Length and first byte before the memcmp: most names differ in one of them.
        guard let first = bytes.first else { return nil }
        for name in names where name.bytes.count == bytes.count && name.bytes[0] == first && ByteCompare.equal(name.bytes, bytes) {
            return name.state
        }
        return nil
    }
}
