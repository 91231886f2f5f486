/// Which clock an extension moved.
public enum ExtensionKind: String, Sendable {
    /// The last day to ship (asked by the supplier, agreed by the buyer; ≤ 90 days in all).
    case shipping
    /// The buyer's window to confirm receipt (once per party, 15 days; ≤ 30 in all).
    case receipt
}

/// A shipping-extension request the buyer answered, as kept on the order.
public struct AnsweredExtension: Hashable, Sendable {
    public let request: ExtensionRequest
    public let accepted: Bool
    public let answeredAt: Instant

    public init(request: ExtensionRequest, accepted: Bool, answeredAt: Instant) {
        self.request = request
        self.accepted = accepted
        self.answeredAt = answeredAt
    }
}

/// One line of an order's extension ledger.
public struct ExtensionLedgerEntry: Hashable, Sendable {
    public let kind: ExtensionKind
    public let days: Int
    /// Empty for a receipt extension (a party's right; no reason is asked).
    public let reason: String
    public let askedBy: PartyKind
    /// Who agreed: the buyer for a shipping extension; nil while pending, when declined, or for a
    /// receipt extension (no agreement needed).
    public let agreedBy: PartyKind?
    public let status: Status
    /// When asked (nil: a receipt extension, whose moment the order does not keep).
    public let at: Instant?
    /// Days of this kind granted so far, this one included, against `cap`.
    public let runningTotal: Int
    public let cap: Int

    public enum Status: String, Sendable {
        case granted, pending, declined
    }
}

/// Every extension of an order with its reason, who asked, who agreed and the running total
/// against its cap — so a buyer sees a supplier extending again and again (rules-2026 part 3 §2).
public struct ExtensionLedger: Hashable, Sendable {
    public let entries: [ExtensionLedgerEntry]
    /// Shipping days granted, of `DeadlineRules.maxExtensionDays`.
    public let shippingDays: Int
    /// Shipping extensions granted.
    public let shippingCount: Int
    /// Receipt days granted, of `ExtensionLedger.receiptCap`.
    public let receiptDays: Int

    public static let receiptCap = 2 * DeadlineRules.receiptExtensionDays

    public init(_ order: Order) {
        var entries: [ExtensionLedgerEntry] = []
        var shipping = 0
        var count = 0
        let cap = DeadlineRules.maxExtensionDays
        for answered in order.extensionHistory {
            if answered.accepted { shipping += answered.request.days; count += 1 }
            entries.append(ExtensionLedgerEntry(kind: .shipping, days: answered.request.days, reason: answered.request.reason,
                                                askedBy: .supplier, agreedBy: answered.accepted ? .buyer : nil,
                                                status: answered.accepted ? .granted : .declined, at: answered.request.at,
                                                runningTotal: shipping, cap: cap))
        }
        if let pending = order.pendingExtension {
            entries.append(ExtensionLedgerEntry(kind: .shipping, days: pending.days, reason: pending.reason, askedBy: .supplier,
                                                agreedBy: nil, status: .pending, at: pending.at, runningTotal: shipping, cap: cap))
        }
        var receipt = 0
        for party in [PartyKind.supplier, .buyer] where order.receiptExtendedBy.contains(party) {
            receipt += DeadlineRules.receiptExtensionDays
            entries.append(ExtensionLedgerEntry(kind: .receipt, days: DeadlineRules.receiptExtensionDays, reason: "", askedBy: party,
                                                agreedBy: nil, status: .granted, at: nil, runningTotal: receipt, cap: Self.receiptCap))
        }
        self.entries = entries
        // The order's own total is the authority (seeded histories before the ledger existed).
        shippingDays = max(shipping, order.extensionDays)
        shippingCount = count
        receiptDays = receipt
    }

    /// From the second shipping extension on: "extended 2 times, 34 of 90 days used".
    public var warning: String? {
        guard shippingCount >= 2 else { return nil }
        return "extended \(shippingCount) times, \(shippingDays) of \(DeadlineRules.maxExtensionDays) days used"
    }
}
