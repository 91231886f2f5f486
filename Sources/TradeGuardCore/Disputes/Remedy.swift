/// What the buyer asks for, the supplier offers or the platform decides.
public enum RemedyKind: String, Sendable, CaseIterable, Codable {
    case fullRefund = "full-refund"
    /// The buyer keeps the goods and gets part of the money back.
    case partialRefund = "partial-refund"
    case returnAndRefund = "return-and-refund"
    case replacement
    /// The supplier's balance claim: the buyer pays the balance still due. No money moves back.
    case payBalance = "pay-balance"
    /// The platform's decision that the claim fails: nothing is refunded.
    case noRemedy = "none"

    public var title: String {
        switch self {
        case .fullRefund: return "Full refund"
        case .partialRefund: return "Partial refund, keeping the goods"
        case .returnAndRefund: return "Return and refund"
        case .replacement: return "Replacement"
        case .payBalance: return "Pay the balance"
        case .noRemedy: return "No remedy"
        }
    }
}

/// A remedy with the money it moves back to the buyer.
public struct Remedy: Hashable, Sendable, CustomStringConvertible {
    public let kind: RemedyKind
    /// What the supplier refunds: everything paid for a full refund or a return, the amount
    /// agreed for a partial refund, nothing for a replacement or no remedy.
    public let refund: Money

    public init(kind: RemedyKind, refund: Money) {
        self.kind = kind
        self.refund = refund
    }

    /// The remedy `kind` on an order that has `paid`, with `amount` for a partial refund.
    /// One precise refusal for each way the amount can be wrong.
    public static func make(_ kind: RemedyKind, amount: Money?, paid: Money) throws(Refusal) -> Remedy {
        switch kind {
        case .fullRefund, .returnAndRefund:
            // The amount is implied; one that says otherwise is a mistake, not a partial refund.
            if let amount, amount != paid { throw .remedyAmountImplied(kind, paid: paid) }
            return Remedy(kind: kind, refund: paid)
        case .partialRefund:
            guard let amount else { throw .remedyAmountMissing }
            guard amount.currency == paid.currency, amount.isPositive else { throw .remedyAmountMissing }
            guard amount.minorUnits <= paid.minorUnits else { throw .remedyTooLarge(maximum: paid) }
            return Remedy(kind: kind, refund: amount)
        case .replacement, .noRemedy, .payBalance:
            if let amount, !amount.isZero { throw .remedyAmountImplied(kind, paid: paid) }
            return Remedy(kind: kind, refund: .zero(paid.currency))
        }
    }

    /// "Partial refund, keeping the goods: US$400.00", "Replacement".
    public var description: String { refund.isPositive ? "\(kind.title): \(refund)" : kind.title }
}
