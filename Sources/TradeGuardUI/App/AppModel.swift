import TradeGuardCore
import TradeGuardStore

/// Who the running app acts as.
public struct Session: Sendable {
    public let party: PartyRecord
    public var actor: Actor { .party(party.handle, party.party.kind) }
    public var side: PartyKind { party.party.kind }
}

/// The app's state and the loop's entry points: `handle` (a key, through the registry),
/// `tick` (between keys), `didPresent` (a frame reached the terminal), `workAhead` (nothing to
/// do), `runLine` (a palette line) and `render`, a pure function of this state. What commands
/// do lives with the part they change — the `Workspace` (Models/Workspace+…), the picker, the
/// forms, `ThemeChoice`, `DemoClock` — handed only what it needs (`ScreenView`, the status line
/// as `StatusMessages`); here and in App/ stay the order-action path, the status line and who
/// the app acts as. What a frame draws is in Screens/.
public final class AppModel {
    enum Mode {
        case picker(PickerModel)
        case workspace(Workspace)
    }

    enum Overlay {
        case help(HelpModel)
        case palette(LineEditor)
        case form(FormModel)
        case confirm(ConfirmModel)
        case contract(ContractFormModel)
        case message(MessageModel)
    }

    let store: Store
    let kind: DatabaseKind
    /// Why the database is open read-only ("the folder … cannot be written"), or nil when it is
    /// writable. Every command that changes data is then disabled with this reason.
    public let readOnlyReason: String?
    let time: TimeFormat
    /// Seconds on a monotonic clock (injected: tests advance it by hand).
    let uptime: () -> Double
    var registry: CommandRegistry
    var mode: Mode
    var overlay: Overlay?
    var toast: Toast?
    public var size: (rows: Int, cols: Int) = (24, 80) {
        didSet { workspace?.rowsHint = size.rows }
    }
    /// Set by `quit`: the exit status the loop should end with.
    public internal(set) var exitStatus: Int32?
    /// Cached for the title bar; refreshed when the data changes.
    var clock: Instant
    var lastDataVersion: Int64 = 0
    /// True when a key is waiting to be read (set by the loop from its terminal): slow work
    /// done between keys stops for it.
    public var keyWaiting: () -> Bool = { false }
    /// The theme chosen inside the app (`:theme NAME`).
    let themes = ThemeChoice()
    /// Set by the front end: loads theme NAME for this terminal and remembers the choice;
    /// returns it resolved, and a note when it could not be remembered. nil: no switching here.
    public var themeSwitcher: ((String) throws -> (theme: ResolvedTheme, note: String?))? {
        get { themes.switcher }
        set { themes.switcher = newValue }
    }
    /// The theme chosen inside the app; the loop draws with it when set.
    public var chosenTheme: ResolvedTheme? { themes.chosen }
    /// Set by the loop: takes the keys already waiting to be read off the input.
    public var takeWaitingKeys: () -> [Key] = { [] }
    /// Set by the loop: takes the keys that follow the one just read within a millisecond of
    /// each other (none when a person is typing).
    public var takeBurst: () -> [Key] = { [] }
    /// The title bar and the tab row as last drawn (see `KeptLine`).
    var titleLine = KeptLine<TitleBar.Inputs>()
    var tabLine = KeptLine<TabRow.Inputs>()
    /// Rows just above the status line that the host draws over (the walkthrough's caption
    /// panel): the main area ends above them, so a detail's, a dashboard's or a queue's last
    /// rows are never hidden under the panel, and scrolling reaches them.
    public var bottomInset = 0 {
        didSet { if bottomInset != oldValue { resized() } }
    }
    /// The first row of the status message in the last frame (a long one wraps upward): the
    /// walkthrough's caption panel sits above it, so the message stays readable.
    var messageTop: Int?

    public static let minimumSize = (rows: 24, cols: 80)

    /// Opens on the party picker (demo databases without `as`) or straight on `as`'s workspace
    /// (the platform's: its queue of escalated disputes).
    public init(store: Store, as handle: Handle?, time: TimeFormat = .local, uptime: @escaping () -> Double,
                keyBindings: (text: String, file: String)? = nil, readOnlyReason: String? = nil) throws {
        self.store = store
        self.readOnlyReason = readOnlyReason ?? (store.isReadOnly ? "the database was opened read-only" : nil)
        self.time = time
        self.uptime = uptime
        kind = try store.kind()
        clock = try store.now()
        registry = CommandRegistry(AppCommands.all)
        if let bindings = keyBindings { registry = try registry.overriding(with: bindings.text, file: bindings.file) }
        if let handle {
            // Who may open it as whom (the platform included) is the caller's rule: the picker and
            // `--as` on a demo database, the owning account or a key's party on a real one.
            let record = try store.party(handle)
            mode = .workspace(try Workspace(store: store, session: Session(party: record), keys: registry))
        } else {
            mode = .picker(try PickerModel(store: store))
        }
        lastDataVersion = (try? store.dataVersion()) ?? 0
        readForFrame()
    }

    var workspace: Workspace? {
        if case let .workspace(w) = mode { return w }
        return nil
    }

    var session: Session? { workspace?.session }

    /// The context keys are looked up in right now: the dialog in front, else the screen.
    var context: CommandContext {
        if size.rows < Self.minimumSize.rows || size.cols < Self.minimumSize.cols { return .tooSmall }
        switch overlay {
        case .help?: return .help
        case .palette?: return .palette
        case .form?: return .form
        case .confirm?: return .confirm
        case .contract?: return .contract
        case .message?: return .message
        case nil: return screenContext
        }
    }

    /// The context of the screen under any dialog: where the help starts its list.
    var screenContext: CommandContext {
        switch mode {
        case .picker: return .picker
        case let .workspace(w): return w.filterEditor != nil ? .filter : w.detail == nil ? .list : .detail
        }
    }

    /// Rows between the tab row and the status line.
    var mainHeight: Int { max(1, size.rows - 4 - bottomInset) }

    /// The screen as the workspace's commands need it.
    var screenView: ScreenView { ScreenView(mainHeight: mainHeight, cols: size.cols, time: time, now: clock) }

    /// Where the current tab's table and the detail pane are drawn.
    var queueLayout: QueueLayout {
        workspace?.layout(mainHeight: mainHeight) ?? QueueLayout(mainTop: 2, mainHeight: mainHeight, band: false, pane: false)
    }

    /// Rows of the order table below its header.
    var tableHeight: Int { queueLayout.rows }

    // MARK: Input

    /// Handles one key: the registry's command for it in the current context, if any. Every
    /// key goes this way, typing into a field, answering a question and the terminal's resize
    /// included (Commands/).
    public func handle(_ key: Key) {
        defer { readForFrame() }
        guard let command = registry.command(for: key, in: context) else { return }
        do { try run(command, key: key) } catch { showError(error) }
    }

    /// The terminal changed size (the loop has set `size`): the `screen.resize` command.
    func resized() {
        workspace?.resized(to: size.cols)
        // A taller screen shows rows the list has not read yet.
        do { try workspace?.currentList?.loadVisibleRows(visible: tableHeight) } catch { showError(error) }
    }

    /// Runs a command by the registry's rules: refused with its reason when disabled.
    func run(_ command: Command, key: Key? = nil, arguments: [String] = []) throws {
        if let reason = command.disabledReason(self) {
            if command.explain?(self) != true { show(reason, .error) }
            return
        }
        try command.run(self, key: key, arguments: arguments)
    }

    /// Runs a palette line: `name arg arg…`.
    public func runLine(_ line: String) throws {
        let words = line.split(separator: " ").map(String.init)
        guard let name = words.first else { return }
        guard let command = registry.command(named: name) else {
            show("No command '\(name)'; press \(keyName("help")) for the list.", .error)
            return
        }
        try run(command, arguments: Array(words.dropFirst()))
    }

    // MARK: Time and other processes

    /// Called between keys: expires toasts and notices other processes' commits (PRAGMA
    /// data_version), reloading what is on screen without losing the selection.
    public func tick() {
        if let toast, uptime() >= toast.expires { self.toast = nil }
        do { _ = try workspace?.loadedOrders?.countMatches(keyWaiting: keyWaiting) } catch { showError(error) }
        guard let version = try? store.dataVersion(), version != lastDataVersion else { return }
        lastDataVersion = version
        reloadAfterChange()
    }

    /// After a change this app made outside an order action: the screen is read again, then
    /// `note` (nil: nothing was done) is said.
    func changed(saying note: String?) {
        guard let note else { return }
        reloadAfterChange()
        show(note)
    }

    func reloadAfterChange() {
        defer { readForFrame() }
        do {
            clock = try store.now()
            switch mode {
            case let .picker(p): try p.reload()
            case let .workspace(w):
                w.now = clock
                try w.refresh()
            }
        } catch {
            showError(error)
        }
    }
}

extension AppModel {
    /// The first problem in a keys.conf, or nil when it applies cleanly.
    public static func checkBindings(_ bindings: (text: String, file: String)) -> String? {
        do {
            _ = try CommandRegistry(AppCommands.all).overriding(with: bindings.text, file: bindings.file)
            return nil
        } catch {
            return error.description
        }
    }
}
