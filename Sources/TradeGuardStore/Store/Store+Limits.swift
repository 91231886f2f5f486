import TradeGuardCore

/// A supplier's limit as the Limits screen and `tradeguard limits` show it.
public struct LimitSummary: Equatable, Sendable {
    public let supplier: Handle
    public let granted: Money
    public let reserved: Money
    public var available: Money { LimitPosition(granted: granted, reserved: reserved).available }
    /// The newest recompute, term by term (nil before the first).
    public let latest: Recompute?

    public struct Recompute: Equatable, Sendable {
        public let at: Instant
        public let reason: String
        public let status: LimitFormula.Status
        public let memberYears: Int
        public let closedValue: Money
        public let closedCount: Int
        public let violationPoints: Int
        public let base: Money
        public let tenure: Money
        public let volume: Money
        public let count: Money
        public let penaltyPercent: Int
        public let granted: Money
    }
}

extension Store {
    public func limitSummary(_ supplier: Handle) throws -> LimitSummary {
        try read {
            let record = try parties.require(supplier)
            guard record.party.kind == .supplier else { throw StoreError.invalid("'\(supplier)' is not a supplier; only suppliers have a limit.") }
            return LimitSummary(supplier: supplier, granted: record.granted, reserved: record.reserved,
                                latest: try recomputes(record.id, limit: 1).first)
        }
    }

    /// The supplier's recomputes, newest first.
    public func limitHistory(_ supplier: Handle, limit: Int = 50) throws -> [LimitSummary.Recompute] {
        try read { try recomputes(try parties.require(supplier).id, limit: limit) }
    }

    private func recomputes(_ supplierID: Int64, limit: Int) throws -> [LimitSummary.Recompute] {
        func usd(_ v: Int64) -> Money { Money(minorUnits: v, currency: .usd) }
        return try db.query("""
            SELECT at, reason, status, member_years, closed_value_usd, closed_count, violation_points, base_usd, tenure_usd,
                volume_usd, count_usd, penalty_percent, granted_usd
            FROM limit_recomputes WHERE supplier_id = ? ORDER BY id DESC LIMIT ?
            """, [.int(supplierID), .int(Int64(limit))]) { r in
            LimitSummary.Recompute(at: Instant(secondsSinceEpoch: r.int(0)), reason: r.text(1),
                                   status: LimitFormula.Status(rawValue: r.text(2)) ?? .notActivated, memberYears: Int(r.int(3)),
                                   closedValue: usd(r.int(4)), closedCount: Int(r.int(5)), violationPoints: Int(r.int(6)),
                                   base: usd(r.int(7)), tenure: usd(r.int(8)), volume: usd(r.int(9)), count: usd(r.int(10)),
                                   penaltyPercent: Int(r.int(11)), granted: usd(r.int(12)))
        }
    }
}

/// What a buyer's open (confirmed, not yet closed) orders are protected for, in USD.
public struct BuyerExposure: Equatable, Sendable {
    public let covered: Money
    public let uncovered: Money
}

extension Store {
    /// Sums over the buyer's orders that hold a reservation: one index range per such state, so
    /// the cost follows open orders, not the buyer's whole history.
    public func buyerExposure(_ buyer: Handle) throws -> BuyerExposure {
        try read {
            let record = try parties.require(buyer)
            let states = OrderState.allCases.filter(\.holdsReservation).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let statement = try db.cachedStatement("""
                SELECT coalesce(sum(covered_usd), 0), coalesce(sum(total_usd - covered_usd), 0) FROM orders
                WHERE buyer_id = ? AND state IN (\(states))
                """)
            try statement.bind([.int(record.id)])
            defer { statement.reset() }
            _ = try statement.step()
            return BuyerExposure(covered: Money(minorUnits: statement.int(0), currency: .usd),
                                 uncovered: Money(minorUnits: statement.int(1), currency: .usd))
        }
    }
}
