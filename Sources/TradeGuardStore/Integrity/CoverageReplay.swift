import TradeGuardCore

/// What a reservation may take (issue 17): the order replay decides a confirmation again with
/// the coverage its event recorded, because the limit free at that moment is a fact of every
/// other order of the supplier, not of this order's log. This pass supplies that fact. It walks
/// the limit ledger in the order its rows were written (each row is one event's, and the order
/// replay has already compared each with its event) and keeps each supplier's reserved total,
/// with its granted limit as the recomputes in the log set it; every reserve — a confirmation's,
/// or the extra an accepted change of the total took — must fit in granted − reserved as it then
/// stood. A suspended or inactive supplier's recompute grants 0, so nothing fits then.
struct CoverageReplay {
    let db: Database
    /// The first event written with full content: reserves before it are not judged.
    let start: Int64

    /// A supplier's granted limit from one event on.
    struct Grant { let event: Int64; let granted: Int64 }

    /// `grants`: per supplier handle, its recomputes in event order (the global pass's).
    func check(grants: [String: [Grant]], _ fault: (String) -> Void) throws {
        var handles: [Int64: String] = [:]
        for (id, handle) in try db.query("SELECT id, handle FROM parties WHERE kind = 'supplier'", [], row: { ($0.int(0), $0.text(1)) }) {
            handles[id] = handle
        }
        var reserved: [Int64: Int64] = [:]
        // Per supplier: how many of its grants are at or before the row being read.
        var passed: [Int64: Int] = [:]
        let rows = try db.prepare("SELECT id, supplier_id, order_id, kind, amount_usd, event_id FROM limit_ledger ORDER BY id")
        defer { rows.reset() }
        while try rows.step() {
            let supplier = rows.int(1), amount = rows.int(4), event = rows.int(5)
            let kind = rows.text(3)
            let held = reserved[supplier, default: 0]
            if kind == LedgerEntry.Kind.reserve.rawValue, event >= start, let handle = handles[supplier] {
                let timeline = grants[handle] ?? []
                var count = passed[supplier, default: 0]
                while count < timeline.count, timeline[count].event <= event { count += 1 }
                passed[supplier] = count
                // Before its first recompute a supplier has no limit; in a file with pre-replay
                // events that recompute may be older than the log that carries one, so no judgement.
                let granted: Int64? = count > 0 ? timeline[count - 1].granted : (start > 1 ? nil : 0)
                if let granted, amount > max(0, granted - held) {
                    let order = rows.optionalInt(2).map { " (\(OrderCode(number: $0)))" } ?? ""
                    fault("limit_ledger row \(rows.int(0))\(order): amount_usd is \(usd(amount)) but the log implies at most "
                          + "\(usd(max(0, granted - held))), what \(handle)'s limit had free at event \(ReplayFormat.grouped(event)) "
                          + "(granted \(usd(granted)), reserved \(usd(held)))")
                }
            }
            reserved[supplier] = held + (kind == LedgerEntry.Kind.release.rawValue ? -amount : amount)
        }
    }

    private func usd(_ minor: Int64) -> String { Money(minorUnits: minor, currency: .usd).description }
}
