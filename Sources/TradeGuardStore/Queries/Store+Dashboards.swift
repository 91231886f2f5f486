import TradeGuardCore

/// An order holding part of a supplier's limit.
public struct Reservation: Equatable, Sendable {
    public let code: OrderCode
    public let buyerName: String
    public let state: OrderState
    public let covered: Money
}

/// Average days from confirmation to receipt for recently closed orders of one kind.
public struct LeadTime: Equatable, Sendable {
    public let kind: OrderKind
    public let orders: Int
    public let averageDays: Int
}

/// One supplier a buyer has open orders with, and what those orders are protected for.
public struct SupplierExposure: Equatable, Sendable {
    public let supplier: PartyRecord
    public let openOrders: Int
    public let covered: Money
    public let uncovered: Money
}

extension Store {
    /// The newest reservations still held (at most `limit`), newest first.
    public func heldReservations(_ supplier: Handle, limit: Int = 8) throws -> [Reservation] {
        try read {
            let record = try parties.require(supplier)
            return try db.query("""
                SELECT o.id, o.buyer_name, o.state, o.covered_usd FROM orders o
                WHERE o.supplier_id = ? AND \(SchemaV2.holdsReservation)
                ORDER BY o.id DESC LIMIT ?
                """, [.int(record.id), .int(Int64(limit))]) { r in
                Reservation(code: OrderCode(number: r.int(0)), buyerName: r.text(1), state: try decode(OrderState.self, r.text(2)),
                            covered: Money(minorUnits: r.int(3), currency: .usd))
            }
        }
    }

    /// Lead time of the most recent closed orders (order confirmed → goods received), by kind.
    /// Bounded to the latest 500 closures so it costs the same for any history.
    public func leadTimes(_ supplier: Handle) throws -> [LeadTime] {
        try read {
            let record = try parties.require(supplier)
            return try db.query("""
                SELECT kind, count(*), avg(received_at - confirmed_at) FROM (
                    SELECT kind, received_at, confirmed_at FROM orders
                    WHERE supplier_id = ? AND state = 'closed' AND received_at IS NOT NULL AND confirmed_at IS NOT NULL
                    ORDER BY ended_at DESC LIMIT 500)
                GROUP BY kind ORDER BY kind
                """, [.int(record.id)]) { r in
                LeadTime(kind: try decode(OrderKind.self, r.text(0)), orders: Int(r.int(1)), averageDays: Int(r.double(2) / 86_400))
            }
        }
    }

    /// The suppliers a buyer has open (confirmed, unfinished) orders with, and per supplier what
    /// those orders are covered and not covered for. Reads only open orders.
    public func supplierExposures(_ buyer: Handle) throws -> [SupplierExposure] {
        try read {
            let record = try parties.require(buyer)
            let states = OrderState.allCases.filter(\.holdsReservation).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let rows = try db.query("""
                SELECT supplier_id, count(*), coalesce(sum(covered_usd), 0), coalesce(sum(total_usd - covered_usd), 0) FROM orders
                WHERE buyer_id = ? AND state IN (\(states)) GROUP BY supplier_id
                """, [.int(record.id)]) { ($0.int(0), Int($0.int(1)), $0.int(2), $0.int(3)) }
            return try rows.compactMap { id, count, covered, uncovered in
                guard let supplier = try parties.find(id: id) else { return nil }
                return SupplierExposure(supplier: supplier, openOrders: count, covered: Money(minorUnits: covered, currency: .usd),
                                        uncovered: Money(minorUnits: uncovered, currency: .usd))
            }.sorted { $0.supplier.name < $1.supplier.name }
        }
    }
}

/// The Overview's figures for one party: what waits on it, what waits on the other side, and
/// how many of its own deadlines fall due soon (counts stop at 1,001 to stay cheap).
public struct OverviewFigures: Equatable, Sendable {
    public let awaitingMe: Int
    public let awaitingOther: Int
    public let overdue: Int
    /// Due within 1, 3 and 7 days (cumulative), not yet overdue.
    public let dueWithin1: Int
    public let dueWithin3: Int
    public let dueWithin7: Int
}

extension Store {
    public func overview(for party: Handle, side: PartyKind, at now: Instant) throws -> OverviewFigures {
        let counts = try orderCounts(for: party, side: side)
        let other: PartyKind = side == .supplier ? .buyer : .supplier
        return try read {
            let record = try parties.require(party)
            let column = side == .supplier ? "supplier_id" : "buyer_id"
            // One index range (party, waiting_on, deadline_sort): count up to a bound.
            func count(before: Instant, after: Instant? = nil) throws -> Int {
                var sql = "SELECT count(*) FROM (SELECT 1 FROM orders WHERE \(column) = ? AND waiting_on = ? AND deadline_sort < ?"
                var args: [Value] = [.int(record.id), .text(side.rawValue), .int(before.secondsSinceEpoch)]
                if let after {
                    sql += " AND deadline_sort >= ?"
                    args.append(.int(after.secondsSinceEpoch))
                }
                return Int(try db.scalarInt(sql + " LIMIT 1001)", args) ?? 0)
            }
            return OverviewFigures(awaitingMe: counts.count(.waitingOn(side)), awaitingOther: counts.count(.waitingOn(other)),
                                   overdue: try count(before: now), dueWithin1: try count(before: now.adding(days: 1), after: now),
                                   dueWithin3: try count(before: now.adding(days: 3), after: now),
                                   dueWithin7: try count(before: now.adding(days: 7), after: now))
        }
    }
}
