import TradeGuardCore

/// `tradeguard check`: SQLite's own integrity and foreign-key checks, every invariant of
/// DESIGN §3, the derived columns against their derivation, and the audit hash chain.
/// A full scan by design — start-up never runs it.
public struct IntegrityReport: Sendable {
    public var faults: [String] = []
    public var orders = 0
    public var events = 0
    public var chainHead: [UInt8] = EventLog.genesis
    public var isClean: Bool { faults.isEmpty }
}

final class FaultList {
    let limit: Int
    private(set) var items: [String] = []
    init(limit: Int) { self.limit = limit }
    func add(_ text: String) { if items.count < limit { items.append(text) } }
}

extension Store {
    public func check(maxFaults: Int = 50) throws -> IntegrityReport {
        try db.read {
            var report = IntegrityReport()
            // Faults collect apart from `report`, which the checks also take inout.
            let faults = FaultList(limit: maxFaults)
            func fault(_ text: String) { faults.add(text) }

            let integrity = try db.query("PRAGMA integrity_check", []) { $0.text(0) }
            if integrity != ["ok"] { integrity.prefix(10).forEach { fault("integrity: \($0)") } }
            for row in try db.query("PRAGMA foreign_key_check", [], row: { "\($0.text(0)) row \($0.optionalInt(1) ?? 0) → \($0.text(2))" }) {
                fault("foreign key: \(row)")
            }

            try checkChain(&report, fault)
            try checkLedger(fault)
            try checkOrders(&report, fault)
            try checkCounts(fault)
            report.faults = faults.items
            return report
        }
    }

    /// Re-hashes every event in order; any edit, insertion or deletion breaks the chain.
    private func checkChain(_ report: inout IntegrityReport, _ fault: (String) -> Void) throws {
        var previous = EventLog.genesis
        let statement = try db.prepare("SELECT id, at, actor, action, order_id, from_state, to_state, payload, hash FROM events ORDER BY id")
        defer { statement.reset() }
        var broken = false
        while try statement.step() {
            report.events += 1
            let id = statement.int(0)
            guard let payload = EventPayload.decode(statement.text(7)) else {
                if !broken { fault("audit chain: event \(id) has an unreadable payload") }
                broken = true
                continue
            }
            let event = AuditEvent(actor: statement.text(2), action: statement.text(3), order: statement.optionalInt(4).map { OrderCode(number: $0) },
                                   fromState: statement.optionalText(5).flatMap(OrderState.init), toState: statement.optionalText(6).flatMap(OrderState.init),
                                   at: Instant(secondsSinceEpoch: statement.int(1)), payload: payload)
            let expected = EventLog.link(previous: previous, event: event)
            let stored = statement.blob(8)
            if stored != expected && !broken {
                fault("audit chain: event \(id) does not match its hash (edited, inserted or removed before it)")
                broken = true
            }
            previous = stored
        }
        report.chainHead = previous
    }

    /// Reservations: one reserve and one release at most per order, equal amounts, and every
    /// supplier's reserved figure equal to its ledger; limits within bounds.
    private func checkLedger(_ fault: (String) -> Void) throws {
        for (order, kind, n) in try db.query("""
            SELECT order_id, kind, count(*) FROM limit_ledger WHERE kind IN ('reserve', 'release') GROUP BY order_id, kind HAVING count(*) > 1
            """, [], row: { ($0.int(0), $0.text(1), $0.int(2)) }) {
            fault("ledger: order \(OrderCode(number: order)) has \(n) \(kind) rows")
        }
        for (order, reserve, release) in try db.query("""
            SELECT r.order_id, r.amount_usd, l.amount_usd FROM limit_ledger r JOIN limit_ledger l
            ON l.order_id = r.order_id AND l.kind = 'release' WHERE r.kind = 'reserve' AND r.amount_usd <> l.amount_usd
            """, [], row: { ($0.int(0), $0.int(1), $0.int(2)) }) {
            fault("ledger: order \(OrderCode(number: order)) released \(release) ≠ reserved \(reserve)")
        }
        for (handle, stored, ledger, granted, latest) in try db.query("""
            SELECT p.handle, p.reserved_usd,
                coalesce((SELECT sum(CASE kind WHEN 'release' THEN -amount_usd ELSE amount_usd END) FROM limit_ledger WHERE supplier_id = p.id), 0),
                p.granted_usd,
                (SELECT granted_usd FROM limit_recomputes WHERE supplier_id = p.id ORDER BY id DESC LIMIT 1)
            FROM parties p WHERE p.kind = 'supplier'
            """, [], row: { ($0.text(0), $0.int(1), $0.int(2), $0.int(3), $0.optionalInt(4)) }) {
            if stored != ledger { fault("limit: \(handle) shows \(stored) reserved but its ledger nets \(ledger)") }
            if stored < 0 { fault("limit: \(handle) has a negative reservation") }
            if granted != (latest ?? 0) { fault("limit: \(handle) shows \(granted) granted but its last recompute says \(latest ?? 0)") }
            if granted > LimitFormula.capUSD.minorUnits { fault("limit: \(handle) is granted more than the cap") }
        }
        // Held reservations equal the covered amounts of orders that hold one.
        for (order, state, covered, reserved, released) in try db.query("""
            SELECT o.id, o.state, coalesce(o.covered_usd, 0),
                (SELECT amount_usd FROM limit_ledger WHERE order_id = o.id AND kind = 'reserve'),
                (SELECT amount_usd FROM limit_ledger WHERE order_id = o.id AND kind = 'release')
            FROM orders o WHERE o.covered_usd > 0 OR EXISTS (SELECT 1 FROM limit_ledger WHERE order_id = o.id)
            """, [], row: { ($0.int(0), $0.text(1), $0.int(2), $0.optionalInt(3), $0.optionalInt(4)) }) {
            let holds = OrderState(rawValue: state)?.holdsReservation ?? false
            let code = OrderCode(number: order)
            if reserved != covered { fault("ledger: order \(code) covers \(covered) but reserved \(reserved ?? 0)") }
            if holds && released != nil { fault("ledger: order \(code) is \(state) but its reservation was released") }
            if !holds && covered > 0 && released == nil { fault("ledger: order \(code) is \(state) but still holds its reservation") }
        }
    }

    /// Every order re-derived through the domain: totals, paid sums, deadlines, whose move, events.
    private func checkOrders(_ report: inout IntegrityReport, _ fault: (String) -> Void) throws {
        let ids = try db.query("SELECT id FROM orders ORDER BY id", []) { $0.int(0) }
        let stored = try db.prepare("""
            SELECT total, paid_advance, paid_balance, next_deadline, timeout_at, waiting_on, state || ' ' || supplier_queue || ' ' || buyer_queue || ' ' || payable,
                (SELECT count(*) FROM events WHERE order_id = orders.id AND action <> '\(Workflow.replayAction)'),
                (SELECT count(*) FROM order_search WHERE rowid = orders.id), version
            FROM orders WHERE id = ?
            """)
        for id in ids {
            report.orders += 1
            let code = OrderCode(number: id)
            guard let order = try orderRows.load(code) else { continue }
            try stored.bind([.int(id)])
            _ = try stored.step()
            defer { stored.reset() }
            guard let total = try? order.contract.total() else { fault("order \(code): total overflows"); continue }
            if stored.int(0) != total.minorUnits { fault("order \(code): stored total \(stored.int(0)) ≠ lines \(total.minorUnits)") }
            if stored.int(1) != order.paid(.advance).minorUnits || stored.int(2) != order.paid(.balance).minorUnits {
                fault("order \(code): paid columns disagree with its payments")
            }
            if order.paid(.advance).minorUnits > order.advanceAmount.minorUnits || order.paid(.balance).minorUnits > order.balanceAmount.minorUnits {
                fault("order \(code): paid more than a term")
            }
            if stored.optionalInt(3) != order.nextDeadline?.due.secondsSinceEpoch { fault("order \(code): next deadline is stale") }
            if stored.optionalInt(4) != order.timeoutAt?.secondsSinceEpoch { fault("order \(code): timeout is stale") }
            if stored.optionalText(5) != order.waitingOnKind?.rawValue { fault("order \(code): 'waiting on' is stale") }
            let derived = "\(order.state.rawValue) \(OrderQueue.of(order, side: .supplier).rawValue) \(OrderQueue.of(order, side: .buyer).rawValue) \(order.payableNow == nil ? 0 : 1)"
            if stored.text(6) != derived { fault("order \(code): queue columns are stale") }
            if stored.int(7) != stored.int(9) { fault("order \(code): \(stored.int(7)) audit events for version \(stored.int(9))") }
            if stored.int(8) != 1 { fault("order \(code): missing from the search index") }
            if [.shipped, .completed, .closed].contains(order.state) && !order.outstanding(.advance).isZero {
                fault("order \(code): shipped before the advance was paid")
            }
            if (order.state == .completed || order.state == .closed) && order.dispute != nil { fault("order \(code): completed while disputed") }
        }
    }

    /// The tab counters equal a real count.
    private func checkCounts(_ fault: (String) -> Void) throws {
        let mismatches = try db.query("""
            WITH actual AS (
                SELECT supplier_id AS party_id, 'supplier' AS side, state, initiator, payable, count(*) AS n FROM orders GROUP BY 1, 3, 4, 5
                UNION ALL
                SELECT buyer_id, 'buyer', state, initiator, payable, count(*) FROM orders GROUP BY 1, 3, 4, 5)
            SELECT coalesce(a.party_id, c.party_id), coalesce(a.state, c.state), coalesce(a.n, 0), coalesce(c.n, 0)
            FROM actual a FULL OUTER JOIN order_counts c
              ON c.party_id = a.party_id AND c.side = a.side AND c.state = a.state AND c.initiator = a.initiator AND c.payable = a.payable
            WHERE coalesce(a.n, 0) <> coalesce(c.n, 0)
            """, [], row: { "party \($0.int(0)) \($0.text(1)): counted \($0.int(3)), actually \($0.int(2))" })
        mismatches.forEach { fault("counts: \($0)") }
    }
}
