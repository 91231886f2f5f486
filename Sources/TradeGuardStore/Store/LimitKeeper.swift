import TradeGuardCore

/// Recomputes a supplier's limit from its stored inputs, records the recompute with every term,
/// and updates the party's current granted figure — inside the caller's transaction.
struct LimitKeeper {
    let db: Database
    let parties: PartyDirectory

    @discardableResult
    func recompute(_ supplier: PartyRecord, reason: String, at now: Instant) throws -> LimitFormula.Breakdown {
        let since = now.adding(days: -LimitFormula.trailingDays).secondsSinceEpoch
        let statement = try db.cachedStatement("""
            SELECT coalesce(sum(total_usd), 0), count(*) FROM orders
            WHERE supplier_id = ? AND state = 'closed' AND ended_at > ?
            """)
        try statement.bind([.int(supplier.id), .int(since)])
        _ = try statement.step()
        let (value, count) = (statement.int(0), Int(statement.int(1)))
        statement.reset()
        let p = supplier.party
        let inputs = LimitFormula.Inputs(activated: p.activation.isActive, verification: p.verification, memberSince: p.memberSince,
                                         asOf: now.utcDate, closedValueUSD: Money(minorUnits: value, currency: .usd),
                                         closedCount: count, violationPoints: p.violationPoints)
        let b = LimitFormula.compute(inputs)
        try db.run("""
            INSERT INTO limit_recomputes (supplier_id, at, reason, status, verification, member_years, closed_value_usd, closed_count,
                violation_points, base_usd, tenure_usd, volume_usd, count_usd, penalty_percent, granted_usd)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.int(supplier.id), .int(now.secondsSinceEpoch), .text(reason), .text(b.status.rawValue), .text(p.verification.rawValue),
                  .int(Int64(p.memberSince.wholeYears(until: now.utcDate))), .int(value), .int(Int64(count)),
                  .int(Int64(p.violationPoints)), .int(b.base.minorUnits), .int(b.tenure.minorUnits), .int(b.volume.minorUnits),
                  .int(b.count.minorUnits), .int(Int64(b.penaltyPercent)), .int(b.granted.minorUnits)])
        try parties.setGranted(supplier.id, b.granted)
        return b
    }

    /// The columns of a recompute row an event records (the supplier by handle).
    static let eventColumns = ["supplier", "at", "reason", "status", "verification", "member_years", "closed_value_usd", "closed_count",
                               "violation_points", "base_usd", "tenure_usd", "volume_usd", "count_usd", "penalty_percent", "granted_usd"]
    static let eventSelect = """
        SELECT p.handle, r.at, r.reason, r.status, r.verification, r.member_years, r.closed_value_usd, r.closed_count,
            r.violation_points, r.base_usd, r.tenure_usd, r.volume_usd, r.count_usd, r.penalty_percent, r.granted_usd
        FROM limit_recomputes r JOIN parties p ON p.id = r.supplier_id
        """

    /// The supplier's newest recompute (the one this transaction just wrote) as an event field.
    func lastRecomputeField(_ handle: Handle) throws -> AuditEvent.Field {
        let statement = try db.cachedStatement("\(Self.eventSelect) WHERE r.supplier_id = (SELECT id FROM parties WHERE handle = ?) ORDER BY r.id DESC LIMIT 1")
        try statement.bind([.text(handle.value)])
        defer { statement.reset() }
        guard try statement.step() else { throw StoreError.invalid("internal error: no recompute for \(handle)") }
        return .init("recompute", RowEncoding.encode((0..<Self.eventColumns.count).map { statement.value($0) }))
    }
}
