/// What the workflow needs to know besides the order: the time, and for confirmation the
/// supplier's standing, its available limit, the exchange rate and a fresh payment-link token.
public struct DecisionContext: Sendable {
    public var now: Instant
    public var supplierActive: Bool
    public var supplierSuspended: Bool
    public var available: Money
    public var rate: ExchangeRate?
    public var newPaymentLink: PaymentLinkToken?
    /// The buyer's tier: it fixes the protection window when the goods are received.
    public var buyerTier: BuyerTier
    /// Replay of a change accepted before schema 10, when an accepted price change left the
    /// coverage as confirmed (its event carries no coverage): decide it as it was decided then.
    public var coverageFixedAtConfirmation = false

    public init(now: Instant, supplierActive: Bool = true, supplierSuspended: Bool = false,
                available: Money = .zero(.usd), rate: ExchangeRate? = nil, newPaymentLink: PaymentLinkToken? = nil,
                buyerTier: BuyerTier = .standard) {
        self.now = now
        self.buyerTier = buyerTier
        self.supplierActive = supplierActive
        self.supplierSuspended = supplierSuspended
        self.available = available
        self.rate = rate
        self.newPaymentLink = newPaymentLink
    }

    /// What a confirmation may reserve: nothing from a supplier that is suspended or has not
    /// activated the service. The confirmation and every preview of it use this one rule.
    public var coverableLimit: Money {
        supplierSuspended || !supplierActive ? .zero(.usd) : available
    }
}

/// The workflow's answer to an allowed command: the next order, the one audit event, the ledger
/// rows, and what else the store must do — all written in one transaction.
public struct Decision: Sendable {
    public let before: Order
    public let after: Order
    public let event: AuditEvent
    public let ledger: [LedgerEntry]
    /// A payment to record (nil for a replay of a known idempotency key).
    public let payment: PaymentRecord?
    /// The supplier's limit must be recomputed (an order closed).
    public let recomputeLimit: Bool
    /// The same payment key arrived again with the same amount: nothing changes, the original
    /// result stands, and nothing is written.
    public let isReplay: Bool
    /// Violation points a dispute's outcome gives (the store adds them and recomputes the limit).
    public var penalty: PenaltyAssessment? = nil
}
