import TradeGuardCore

/// Who may take an action: the kinds of party (or the sweep) the transition table allows.
public enum ActionTaker: String, Sendable, CaseIterable {
    case supplier, buyer, platform, system
}

/// Everything the two front ends say and ask about one order action, written once in
/// `ActionCatalogue.entry(for:)`.
public struct ActionEntry: Sendable {
    public let action: OrderAction
    /// Its key in the app; nil when the app does not offer it (the sweep's, the platform's
    /// older `resolve`).
    public let key: Character?
    /// The word beside the key in the hint bar ("p pay").
    public let hint: String?
    /// Who may take it.
    public let takers: [ActionTaker]
    /// The same in words, relative to the order ("the drafter", "either party, once each").
    public let who: String
    /// What it asks for, in the order the form and the usage list them.
    public let fields: [ActionField]
    /// It asks "…?" before acting (after its form, if it has one): money, binding and
    /// irreversible actions.
    public let asksFirst: Bool
    /// What it does, in one line (the `do --help` list, the README).
    public let help: String
    /// `tradeguard do` takes it (edit has its own `draft CODE`; timeouts happen by themselves).
    public let inCommandLine: Bool
    /// The app's notice when it is done.
    public let note: @Sendable (ActionOutcome) -> String
    /// The command line's line when it is done.
    public let line: @Sendable (ActionOutcome) -> String

    /// Its name in `tradeguard do NAME`, audit events and the palette's `order.NAME`.
    public var name: String { action.rawValue }
    /// The palette's and the help's command name.
    public var commandName: String { "order.\(action.rawValue)" }
    /// Its title in menus, dialogs and the help ("Submit for confirmation").
    public var title: String { action.title }
    public var inApp: Bool { key != nil }

    /// "pay --amount A [--method tt|card|bank] [--key K]".
    public var usage: String {
        ([name] + fields.map(\.usage)).joined(separator: " ")
    }

    /// The field behind this command-line option.
    public func field(option: String) -> ActionField? { fields.first { $0.option == option } }
}
