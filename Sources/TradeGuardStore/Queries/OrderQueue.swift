import TradeGuardCore

/// The work queue an order sits in, seen from one side. Each order is in exactly one queue per
/// side, stored and indexed, so a tab is one index range however many orders exist.
public enum OrderQueue: String, Sendable, CaseIterable {
    /// My own drafts.
    case drafts
    /// Submitted, waiting for a confirmation (mine or the other side's).
    case confirmations
    /// Confirmed, advance not yet paid in full.
    case payment
    /// Supplier side: advance paid, in production, ready to ship.
    case predelivery
    /// Buyer side: being produced or on its way to me.
    case deliveries
    /// Supplier side: shipped, waiting for the buyer's receipt.
    case shipped
    /// Received (protection window running) or disputed.
    case aftercare
    /// Closed, cancelled or refunded.
    case finished
    /// The other side's draft: not mine to see.
    case hidden

    public static func of(_ order: Order, side: PartyKind) -> OrderQueue {
        of(state: order.state, initiator: order.initiator, side: side)
    }

    public static func of(state: OrderState, initiator: PartyKind, side: PartyKind) -> OrderQueue {
        switch state {
        case .draft: return initiator == side ? .drafts : .hidden
        case .awaitingConfirmation: return .confirmations
        case .awaitingPayment: return .payment
        case .advancePaid, .inProduction, .readyToShip: return side == .supplier ? .predelivery : .deliveries
        case .shipped: return side == .supplier ? .shipped : .deliveries
        case .completed, .disputed: return .aftercare
        case .closed, .cancelled, .refunded: return .finished
        }
    }
}
