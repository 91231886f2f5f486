/// What went wrong. Which kinds may be opened depends on where the order stands (rules-2026
/// §1.5): the buyer claims goods not shipped by the deadline, shipped goods that never came,
/// goods that differ from the contract, goods that arrived damaged; the supplier claims a
/// balance the buyer has not paid after confirming receipt (rule 3310's dispute against the
/// buyer, "buyer non-payment after receipt").
public enum DisputeKind: String, Sendable, CaseIterable, Codable {
    case notShipped = "not-shipped"
    case notReceived = "not-received"
    /// Quality or quantity differs from the contract.
    case notAsAgreed = "not-as-agreed"
    case damaged
    /// The supplier's claim: receipt confirmed, the balance due after shipment still unpaid.
    case balanceUnpaid = "balance-unpaid"

    /// The kinds a buyer opens with `dispute`.
    public static let buyerKinds: [DisputeKind] = [.notShipped, .notReceived, .notAsAgreed, .damaged]

    /// Who makes a claim of this kind; the other party answers it and bears its points.
    public var claimant: PartyKind { self == .balanceUnpaid ? .supplier : .buyer }

    /// Who answers a claim of this kind.
    public var respondent: PartyKind { claimant == .buyer ? .supplier : .buyer }

    public var title: String {
        switch self {
        case .notShipped: return "Not shipped by the deadline"
        case .notReceived: return "Not received"
        case .notAsAgreed: return "Quality or quantity differs"
        case .damaged: return "Damaged"
        case .balanceUnpaid: return "Balance unpaid after receipt"
        }
    }

    /// "No delivery after payment" and "buyer non-payment after receipt": the serious kinds of
    /// rule 3310, scored 6 points resolved and 48 unresolved [F], against the party at fault.
    /// Quality and damage disputes score lower (ours, see PenaltyTable).
    public var isSerious: Bool { self == .notShipped || self == .notReceived || self == .balanceUnpaid }

    /// There are goods to send back.
    public var hasGoods: Bool { self == .notAsAgreed || self == .damaged }
}

/// A buyer's protection window after confirmed receipt: 30 days for standard buyers, 60 for
/// enterprise buyers [F rules-2026 §1.1].
public enum BuyerTier: String, Sendable, CaseIterable, Codable {
    case standard, enterprise

    public var protectionDays: Int { self == .standard ? DeadlineRules.protectionDays : 60 }

    public var title: String { self == .standard ? "Standard" : "Enterprise" }
}
