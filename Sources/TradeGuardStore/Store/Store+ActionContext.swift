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
                               rate: try rate(for: order.currency, on: now.utcDate), buyerTier: try buyerTier(order.buyer))
    }
}

extension Store {
    /// A buyer's tier (schema 7): it fixes the protection window at receipt.
    func buyerTier(_ handle: Handle) throws -> BuyerTier {
        let statement = try db.cachedStatement("SELECT buyer_tier FROM parties WHERE handle = ?")
        try statement.bind([.text(handle.value)])
        defer { statement.reset() }
        guard try statement.step() else { throw StoreError.invalid("No party '\(handle)'.") }
        return try decode(BuyerTier.self, statement.text(0))
    }

    /// The tier of a buyer, as stored.
    public func tier(of handle: Handle) throws -> BuyerTier { try read { try buyerTier(handle) } }

    /// Sets a buyer's tier (platform only): enterprise buyers get 60 days of protection after
    /// receipt, others 30 [F rules-2026 §1.1]. Orders already received keep their window.
    public func setBuyerTier(_ handle: Handle, to tier: BuyerTier, as actor: Actor = .platform) throws {
        try transact { now, recorder in
            try requirePlatform(actor)
            let record = try parties.require(handle)
            guard record.party.kind == .buyer else { throw StoreError.invalid("Only buyers have a tier; '\(handle)' is a \(record.party.kind.rawValue).") }
            try db.run("UPDATE parties SET buyer_tier = ? WHERE id = ?", [.text(tier.rawValue), .int(record.id)])
            try recorder.record(try partyEvent(actor, TierReplay.action, handle, now, [.init(TierReplay.field, tier.rawValue)]))
        }
    }
}
