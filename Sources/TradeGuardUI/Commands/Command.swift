import Foundation
import TradeGuardCore

/// Where a command applies. A key is looked up in the focused context first, then globally.
public enum CommandContext: String, Sendable, CaseIterable {
    /// Anywhere (quit, help, palette, tab switching).
    case global
    /// A list of orders: movement, sort, filter, open.
    case list
    /// The read-only order detail.
    case detail
    /// The party picker at start.
    case picker
    /// Actions on the order in view, from its list or its detail.
    case order
    /// Each dialog is a context of its own: its keys go to its commands only, and its hint bar
    /// lists them (Commands/DialogCommands.swift and beside it). Typing into its text field is
    /// one command too.
    case confirm, form, contract, palette, help, filter, message
    /// A terminal smaller than the app needs: only quitting works.
    case tooSmall
    /// The walkthrough's player (its own registry): stepping, playing, taking over…
    case walkthrough
    /// …and after take-over, where keys go on to the app on screen.
    case takenOver
    /// Before any other, in every context: Ctrl-C.
    case always
}

/// A named action: the only way keys do anything. Keys, the hint bar, the `?` overlay, the `:`
/// palette and scripts all read these records.
/// A class, not a struct: the hint bar walks the commands of its context every frame, and
/// copying a record of strings and closures cost more than asking each whether it can run.
public final class Command {
    /// Stable name, e.g. "nav.down"; what the palette, keys.conf and scripts use.
    public let id: String
    public let title: String
    /// A word or two for the hint bar; nil keeps it out of the bar.
    public let hint: String?
    /// How the keys read in the hint bar when not just the first key ("j/k").
    public let hintKeys: String?
    /// Shown in the hint bar only when it can run now (order actions: the bar lists what you can do).
    public let hintWhenEnabled: Bool
    public let keys: [Key]
    public let context: CommandContext
    /// It writes to the database: disabled, with the reason, when the app runs read-only.
    public let changesData: Bool
    /// The command's own rule for when it cannot run (see `disabledReason`).
    let whyDisabled: (AppModel) -> String?
    /// The same rule answered without composing the message (the hint bar asks every frame);
    /// nil means "ask `whyDisabled`".
    let isBlocked: ((AppModel) -> Bool)?
    /// Shows more than the one-line reason when it cannot run (every problem of a contract, in
    /// a box); returns true when it did.
    let explain: ((AppModel) -> Bool)?
    let perform: (AppModel, [String]) throws -> Void
    /// For commands that act on the key itself (typing into a field, answering a question):
    /// given the key that ran it (its first key when run by name). Used instead of `perform`.
    let performKey: ((AppModel, Key) throws -> Void)?
    /// Which keys not bound to any command of its context it takes (typing into a text field
    /// takes them all; nil: none). At most one such command per context.
    let takesUnbound: ((Key) -> Bool)?
    /// The hint's words as they are now (play or pause), or nil to leave it out for now.
    let liveHint: ((AppModel) -> String?)?
    /// The kinds of party whose workspace offers it (nil: every one). Elsewhere it is not in
    /// the hint bar, the help or the palette, and run by name it says whose it is: the
    /// platform's workspace offers no drafting or paying, a party's no deciding.
    private(set) var sides: Set<PartyKind>?

    convenience init(_ id: String, _ title: String, hint: String? = nil, hintKeys: String? = nil, hintWhenEnabled: Bool = false, keys: [Key], context: CommandContext,
         changesData: Bool = false,
         disabled: @escaping (AppModel) -> String? = { _ in nil }, blocked: ((AppModel) -> Bool)? = nil,
         explain: ((AppModel) -> Bool)? = nil,
         perform: @escaping (AppModel, [String]) throws -> Void) {
        self.init(id, title, hint: hint, hintKeys: hintKeys, hintWhenEnabled: hintWhenEnabled, keys: keys, context: context,
                  changesData: changesData, disabled: disabled, blocked: blocked, explain: explain, perform: perform,
                  performKey: nil, takesUnbound: nil, liveHint: nil)
    }

    /// A command that acts on the key that ran it; `takesUnbound` makes it the context's
    /// typing command (every key no other command of the context is bound to).
    static func onKey(_ id: String, _ title: String, hint: String? = nil, hintKeys: String? = nil, keys: [Key] = [], context: CommandContext,
                      takesUnbound: ((Key) -> Bool)? = nil, liveHint: ((AppModel) -> String?)? = nil,
                      disabled: @escaping (AppModel) -> String? = { _ in nil },
                      perform: @escaping (AppModel, Key) throws -> Void) -> Command {
        Command(id, title, hint: hint, hintKeys: hintKeys, hintWhenEnabled: false, keys: keys, context: context, changesData: false,
                disabled: disabled, blocked: nil, explain: nil, perform: { _, _ in }, performKey: perform, takesUnbound: takesUnbound,
                liveHint: liveHint)
    }

    private init(_ id: String, _ title: String, hint: String?, hintKeys: String?, hintWhenEnabled: Bool, keys: [Key], context: CommandContext,
                 changesData: Bool, disabled: @escaping (AppModel) -> String?, blocked: ((AppModel) -> Bool)?,
                 explain: ((AppModel) -> Bool)?, perform: @escaping (AppModel, [String]) throws -> Void,
                 performKey: ((AppModel, Key) throws -> Void)?, takesUnbound: ((Key) -> Bool)?, liveHint: ((AppModel) -> String?)?) {
        self.performKey = performKey
        self.takesUnbound = takesUnbound
        self.liveHint = liveHint
        self.id = id
        self.title = title
        self.hint = hint
        self.hintKeys = hintKeys
        self.hintWhenEnabled = hintWhenEnabled
        self.keys = keys
        self.context = context
        self.changesData = changesData
        self.whyDisabled = disabled
        self.isBlocked = blocked
        self.explain = explain
        self.perform = perform
    }

    /// Why it cannot run now (shown instead of running), or nil when it can. Keys, the hint
    /// bar, the help and the palette all ask here, so they agree. A read-only database
    /// disables every command that changes data, with the reason it is read-only.
    func disabledReason(_ app: AppModel) -> String? {
        if !isOffered(app), let side = app.session?.side { return Self.notOffered(to: side) }
        if changesData, let why = app.readOnlyReason { return "Read-only: \(why); nothing can be changed." }
        return whyDisabled(app)
    }

    /// Whether the workspace in view (if any) offers it at all (see `sides`).
    func isOffered(_ app: AppModel) -> Bool {
        guard let sides, let side = app.session?.side else { return true }
        return sides.contains(side)
    }

    static func notOffered(to side: PartyKind) -> String {
        side == .platform ? "The platform's workspace decides disputes; this is a supplier's or buyer's command."
            : "Only the platform decides escalated disputes, in its own workspace."
    }

    /// The same command offered only in the workspaces of `sides`.
    func only(for sides: Set<PartyKind>) -> Command {
        self.sides = sides
        return self
    }

    /// `disabledReason(app) == nil`, cheaply.
    func isEnabled(_ app: AppModel) -> Bool {
        if !isOffered(app) { return false }
        if changesData, app.readOnlyReason != nil { return false }
        if let isBlocked { return !isBlocked(app) }
        return whyDisabled(app) == nil
    }

    /// The keys as the hint bar and help show them.
    public var keyLabel: String { hintKeys ?? keys.first?.name ?? "" }

    /// The hint's words now (`liveHint` when it has one).
    func hint(now app: AppModel) -> String? { liveHint.map { $0(app) } ?? hint }

    /// Runs it: with the key pressed (`key`), or by name with `arguments`.
    func run(_ app: AppModel, key: Key?, arguments: [String]) throws {
        if let performKey {
            guard let key = key ?? keys.first else { throw CommandByNameError(id: id) }
            try performKey(app, key)
        } else {
            try perform(app, arguments)
        }
    }

    func with(keys: [Key]) -> Command {
        let copy = Command(id, title, hint: hint, hintKeys: nil, hintWhenEnabled: hintWhenEnabled, keys: keys, context: context,
                           changesData: changesData, disabled: whyDisabled, blocked: isBlocked, explain: explain, perform: perform,
                           performKey: performKey, takesUnbound: takesUnbound, liveHint: liveHint)
        copy.sides = sides
        return copy
    }
}

/// All commands, with any key overrides applied. Built once at start.
public struct CommandRegistry {
    public private(set) var commands: [Command]
    /// `visible(in:)` for each context, worked out once.
    private let visibleByContext: [CommandContext: [Command]]

    init(_ commands: [Command]) {
        self.commands = commands
        var visible: [CommandContext: [Command]] = [:]
        for context in CommandContext.allCases {
            visible[context] = Self.chain(context).flatMap { c in commands.filter { $0.context == c } }
        }
        visibleByContext = visible
    }

    public func command(named id: String) -> Command? { commands.first { $0.id == id } }

    /// The first key bound to command `id`, for a sentence ("press y to …"): what the app says
    /// names the key bound now, so a keys.conf rebinding cannot leave it naming another.
    func keyName(_ id: String) -> String {
        command(named: id)?.keys.first?.name ?? ":" + id
    }

    /// The keys of command `id` as its hint shows them ("Esc", "j/k").
    func keyLabel(_ id: String) -> String {
        command(named: id)?.keyLabel ?? ":" + id
    }

    /// The contexts searched for a key, most specific first: order actions work from a list
    /// and from a detail alike; a dialog, the too-small screen and the walkthrough keep their
    /// keys to themselves; Ctrl-C works everywhere.
    static func chain(_ context: CommandContext) -> [CommandContext] {
        switch context {
        case .list, .detail: return [context, .order, .global, .always]
        case .order, .picker: return [context, .global, .always]
        case .always: return [.always]
        default: return [context, .always]
        }
    }

    /// The command `key` runs in `context`: one bound to it along the context's chain, else
    /// the chain's typing command that takes it (text into the focused field, a paste).
    func command(for key: Key, in context: CommandContext) -> Command? {
        let chain = Self.chain(context)
        for c in chain {
            if let command = commands.first(where: { $0.context == c && $0.keys.contains(key) }) { return command }
        }
        for c in chain {
            if let command = commands.first(where: { $0.context == c && $0.takesUnbound?(key) == true }) { return command }
        }
        return nil
    }

    /// Commands for the hint bar and help in `context`, most specific first.
    func visible(in context: CommandContext) -> [Command] { visibleByContext[context] ?? [] }

    /// Applies `keys.conf` lines (`command = key key…`). Unknown commands, unknown key names and
    /// a key bound twice in one context are reported with file and line; nothing is half-applied.
    func overriding(with text: String, file: String) throws(KeyBindingError) -> CommandRegistry {
        var result = commands
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let place = "\(file):\(number + 1)"
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else { throw .malformed(place) }
            guard let index = result.firstIndex(where: { $0.id == parts[0] }) else { throw .unknownCommand(place, parts[0]) }
            var keys: [Key] = []
            for name in parts[1].split(separator: " ") {
                guard let key = Key(name: String(name)) else { throw .unknownKey(place, String(name)) }
                keys.append(key)
            }
            guard !keys.isEmpty else { throw .malformed(place) }
            result[index] = result[index].with(keys: keys)
            for key in keys {
                let mine = result[index].context
                if let other = result.first(where: { $0.id != parts[0] && $0.keys.contains(key)
                    && (CommandRegistry.chain($0.context).contains(mine) || CommandRegistry.chain(mine).contains($0.context)) }) {
                    throw .conflict(place, key.name, other.id)
                }
            }
        }
        return CommandRegistry(result)
    }
}

/// A command that acts on a key it has none of was run by name (from the palette).
struct CommandByNameError: Error, CustomStringConvertible {
    let id: String
    var description: String { "\(id) acts on the key you press; it cannot be run by name." }
}

public enum KeyBindingError: Error, Equatable, CustomStringConvertible {
    case malformed(String), unknownCommand(String, String), unknownKey(String, String), conflict(String, String, String)

    public var description: String {
        switch self {
        case let .malformed(at): return "\(at): expected 'command = key key…'"
        case let .unknownCommand(at, name): return "\(at): unknown command '\(name)'"
        case let .unknownKey(at, name): return "\(at): unknown key '\(name)'"
        case let .conflict(at, key, other): return "\(at): key '\(key)' is already bound to \(other)"
        }
    }
}
