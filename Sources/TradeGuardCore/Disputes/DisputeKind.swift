/// What went wrong, as the buyer claims it. Which kinds may be opened depends on where the order
/// stands (rules-2026 §1.5): goods not shipped by the deadline, shipped goods that never came,
/// goods that differ from the contract, goods that arrived damaged.
public enum DisputeKind: String, Sendable, CaseIterable, Codable {
    case notShipped = "not-shipped"
    case notReceived = "not-received"
    /// Quality or quantity differs from the contract.
    case notAsAgreed = "not-as-agreed"
    case damaged

    public var title: String {
        switch self {
        case .notShipped: return "Not shipped by the deadline"
        case .notReceived: return "Not received"
        case .notAsAgreed: return "Quality or quantity differs"
        case .damaged: return "Damaged"
        }
    }

    /// "No delivery after payment": the serious kind of rule 3310, scored 6 points resolved and
    /// 48 unresolved [F]. Quality and damage disputes score lower (ours, see PenaltyTable).
    public var isSerious: Bool { self == .notShipped || self == .notReceived }

    /// There are goods to send back.
    public var hasGoods: Bool { !isSerious }
}

/// A buyer's protection window after confirmed receipt: 30 days for standard buyers, 60 for
/// enterprise buyers [F rules-2026 §1.1].
public enum BuyerTier: String, Sendable, CaseIterable, Codable {
    case standard, enterprise

    public var protectionDays: Int { self == .standard ? DeadlineRules.protectionDays : 60 }

    public var title: String { self == .standard ? "Standard" : "Enterprise" }
}
