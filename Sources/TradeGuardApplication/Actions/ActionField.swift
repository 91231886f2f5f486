import TradeGuardCore

/// One thing an action asks for: a form field in the app, an option (or the ITEM argument) of
/// `tradeguard do`. Its limits are the domain's: a field never takes what `Workflow.decide`
/// would refuse, nor refuses what it would take (a test holds them to the domain).
public struct ActionField: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Free text of at most `maxLength` characters, checked by `TextRules`.
        case text(maxLength: Int)
        /// An amount in the order's currency; `allowZero` for a refund of nothing.
        case amount(allowZero: Bool)
        /// How the payment was made (`PaymentMethod`); tt when not given.
        case paymentMethod
        /// The payment's idempotency key; generated when not given.
        case paymentKey
        /// A whole number of days.
        case days(ClosedRange<Int>)
        /// A pre-delivery checklist item (`ChecklistItem`).
        case checklistItem
        /// A line's new unit price, "N:AMOUNT" ("2:12.50"), in the order's currency.
        case linePrice
        /// A shipping method (`ShippingMethod`): the route of a change.
        case shippingMethod
        /// A change proposal's number on its order.
        case proposalNumber
        /// What went wrong (`DisputeKind`).
        case disputeKind
        /// A remedy (`RemedyKind`); "none" only for the platform's decision.
        case remedy(platform: Bool)
    }

    /// The label in the app's form ("Reason").
    public let label: String
    /// The command line's option without dashes ("reason"); nil for the positional ITEM.
    public let option: String?
    /// What the command-line usage shows for the value ("T", "A", "tt|card|bank").
    public let placeholder: String
    public let kind: Kind
    public let required: Bool
    /// The app asks for it (the payment key is made by the app, not typed).
    public let inApp: Bool
    /// Text that keeps its line breaks (the platform's reasoning), as a contract's remarks do.
    public let allowsNewlines: Bool

    public init(_ label: String, option: String?, placeholder: String, _ kind: Kind, required: Bool = true, inApp: Bool = true,
                allowsNewlines: Bool = false) {
        self.label = label
        self.option = option
        self.placeholder = placeholder
        self.kind = kind
        self.required = required
        self.inApp = inApp
        self.allowsNewlines = allowsNewlines
    }

    /// The longest text the field holds, for text fields.
    public var maxLength: Int? {
        if case let .text(max) = kind { return max }
        return nil
    }

    /// "--amount A", "ITEM", "[--note T]" as the command line's usage shows it.
    public var usage: String {
        let word = option.map { "--\($0) \(placeholder)" } ?? placeholder
        return required ? word : "[\(word)]"
    }
}

extension ActionField {
    // The fields several actions share, with the domain's limits (Workflow.decide).
    static let reason = ActionField("Reason", option: "reason", placeholder: "T", .text(maxLength: 1000))
    static let longReason = ActionField("Reason", option: "reason", placeholder: "T", .text(maxLength: 2000))
    static let note = ActionField("Note", option: "note", placeholder: "T", .text(maxLength: 2000))
    static let item = ActionField("Item", option: nil, placeholder: "ITEM", .checklistItem)
    // The dispute's fields (issue 21).
    static let remedy = ActionField("Remedy", option: "remedy", placeholder: "REMEDY", .remedy(platform: false))
    static let partialAmount = ActionField("Amount", option: "amount", placeholder: "A", .amount(allowZero: false), required: false)
    static let disputeNote = ActionField("Note", option: "note", placeholder: "T", .text(maxLength: 2000))
}
