import TradeGuardCore

extension Store {
    /// What the workflow needs besides the order, as it stands now: the clock, the supplier's
    /// standing and limit, and the rate that would convert the order. `perform` decides with it,
    /// and screens ask `Workflow.precheck` with it, so what they offer is what would be taken.
    public func actionContext(for order: Order) throws -> DecisionContext {
        try read { try actionContext(for: order, at: try currentInstant()) }
    }

    /// The same inside a transaction, at `now`.
    func actionContext(for order: Order, at now: Instant) throws -> DecisionContext {
        let supplier = try parties.require(order.supplier)
        return DecisionContext(now: now, supplierActive: supplier.party.activation.isActive,
                               supplierSuspended: supplier.party.isSuspended, available: supplier.position.available,
                               rate: try rate(for: order.currency, on: now.utcDate))
    }
}
