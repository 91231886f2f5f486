import TradeGuardCore
import TradeGuardStore

/// Who the running app acts as.
public struct Session: Sendable {
    public let party: PartyRecord
    public var actor: Actor { .party(party.handle, party.party.kind) }
    public var side: PartyKind { party.party.kind }
}

/// A message on the status line that fades: info after 2 s, errors after 4 s.
struct Toast {
    enum Kind { case info, error }
    let text: String
    let kind: Kind
    let expires: Double
}

/// The whole state of the app and the one place keys turn into commands. A frame is a pure
/// function of this state (`render`); the loop only feeds keys, ticks and the terminal size.
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
    /// Set by the front end: loads theme NAME for this terminal and remembers the choice;
    /// returns it resolved, and a note when it could not be remembered. nil: no switching here.
    public var themeSwitcher: ((String) throws -> (theme: ResolvedTheme, note: String?))?
    /// The theme chosen inside the app (`:theme NAME`); the loop draws with it when set.
    public internal(set) var chosenTheme: ResolvedTheme?
    /// Set by the loop: takes the keys already waiting to be read off the input.
    public var takeWaitingKeys: () -> [Key] = { [] }
    /// Set by the loop: takes the keys that follow the one just read within a millisecond of
    /// each other (none when a person is typing).
    public var takeBurst: () -> [Key] = { [] }
    /// The title bar and the tab row as last drawn (see `KeptLine`).
    var titleLine = KeptLine<TitleBar.Inputs>()
    var tabLine = KeptLine<TabRow.Inputs>()
    /// The first row of the status message in the last frame (a long one wraps upward): the
    /// walkthrough's caption panel sits above it, so the message stays readable.
    var messageTop: Int?

    public static let minimumSize = (rows: 24, cols: 80)

    /// Opens on the party picker (demo databases without `as`) or straight on `as`'s workspace.
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
            let record = try store.party(handle)
            guard record.party.kind != .platform else {
                throw StoreError.invalid("The platform has no workspace in this app; use 'tradeguard do resolve' and 'tradeguard party'.")
            }
            mode = .workspace(try Workspace(store: store, session: Session(party: record)))
        } else {
            mode = .picker(try PickerModel(store: store))
        }
        lastDataVersion = (try? store.dataVersion()) ?? 0
    }

    var session: Session? {
        if case let .workspace(w) = mode { return w.session }
        return nil
    }

    /// The context keys are looked up in right now.
    var context: CommandContext {
        switch mode {
        case .picker: return .picker
        case let .workspace(w): return w.detail == nil ? .list : .detail
        }
    }

    /// Rows between the tab row and the status line.
    var mainHeight: Int { max(1, size.rows - 4) }

    // MARK: Input

    /// Handles one key. Everything a key can do goes through a command of the registry, except
    /// typing into the focused text field (filter, palette, help search).
    public func handle(_ key: Key) {
        if key == .resize {
            workspace?.resized(to: size.cols)
            // A taller screen shows rows the list has not read yet.
            do { try workspace?.currentList?.loadVisibleRows(visible: tableHeight) } catch { showError(error) }
            return
        }
        if key == .control("c") { exitStatus = 130; return }
        if size.rows < Self.minimumSize.rows || size.cols < Self.minimumSize.cols {
            if key == .character("Q") || key == .character("q") { exitStatus = 0 }
            return
        }
        do {
            if try handleOverlay(key) { return }
            if let w = workspace, w.filterEditor != nil {
                try handleFilterTyping(key, w)
                return
            }
            if case .paste = key { ignorePaste(); return }
            guard let command = registry.command(for: key, in: context) else { return }
            try run(command, arguments: [])
        } catch {
            showError(error)
        }
    }

    /// Runs a command by the registry's rules: refused with its reason when disabled.
    func run(_ command: Command, arguments: [String]) throws {
        if let reason = command.disabledReason(self) {
            if command.explain?(self) != true { show(reason, .error) }
            return
        }
        try command.perform(self, arguments)
    }

    /// Runs a palette line: `name arg arg…`.
    public func runLine(_ line: String) throws {
        let words = line.split(separator: " ").map(String.init)
        guard let name = words.first else { return }
        guard let command = registry.command(named: name) else {
            show("No command '\(name)'; press ? for the list.", .error)
            return
        }
        try run(command, arguments: Array(words.dropFirst()))
    }

    private func handleOverlay(_ key: Key) throws -> Bool {
        guard let overlay else { return false }
        switch overlay {
        case let .help(help):
            switch key {
            case .escape: self.overlay = nil
            case .character("?") where help.search.text.isEmpty: self.overlay = nil
            case .down: help.scroll(by: 1)
            case .up: help.scroll(by: -1)
            case .pageDown: help.scroll(by: mainHeight)
            case .pageUp: help.scroll(by: -mainHeight)
            default:
                if help.search.edit(key) { help.top = 0 }
            }
        case let .message(message):
            let total = message.lines(width: MessageScreen.textWidth(cols: size.cols)).count
            let visible = MessageScreen.box(rows: size.rows, cols: size.cols, lines: total).visible
            switch key {
            case .escape, .enter, .character("q"): self.overlay = message.returnTo
            case .down, .character("j"): message.scroll(by: 1, visible: visible, total: total)
            case .up, .character("k"): message.scroll(by: -1, visible: visible, total: total)
            case .pageDown, .character(" "): message.scroll(by: visible, visible: visible, total: total)
            case .pageUp: message.scroll(by: -visible, visible: visible, total: total)
            default: break
            }
        case let .form(form):
            if form.holdsBackEscape(key, enterDoes: "submit it") { return true }
            switch key {
            case .escape: self.overlay = nil
            case .enter:
                form.message = nil
                for i in form.fields.indices { form.fields[i].error = nil }
                if let command = form.build(form), !form.hasErrors {
                    try OrderActions.afterForm(command, form, app: self)
                } else if let first = form.fields.firstIndex(where: { $0.error != nil }) {
                    form.focus = first
                }
            default: _ = form.edit(key)
            }
        case let .contract(form):
            if form.holdsBackEscape(key, enterDoes: "save it") { return true }
            switch key {
            case .escape: self.overlay = nil
            case .enter: try saveContract(form)
            default: _ = form.edit(key)
            }
        case let .confirm(question):
            // Only a key pressed after the question was drawn answers it (`didPresent` arms it
            // and drops what was already waiting), and never part of a burst: a paste in a
            // terminal without bracketed paste arrives as many keys at once.
            guard question.armed else { return true }
            if case .paste = key {
                show("Pasted text is not an answer: press y to \(question.yes.lowercased()), n to go back.", .error)
                return true
            }
            let burst = takeBurst()
            if burst.count >= Self.burstKeys {
                show("\(burst.count + 1) keys arrived at once (a paste?) and were ignored: press y to \(question.yes.lowercased()), n to go back.", .error)
                return true
            }
            defer { for key in burst { handle(key) } }
            switch key {
            case .character("y"), .character("Y"):
                let error = try perform(question.command, on: question.code, version: question.version, form: question.form)
                // Busy: the question stays, so pressing y again retries (a form keeps itself).
                if let error, error == .busy, question.form == nil {
                    self.overlay = .confirm(question)
                    show(error.description + " Press y to try again.", .error)
                }
            case .escape, .enter, .character("n"), .character("N"):
                // The safe answer: back to the form (text kept), or nothing happens.
                self.overlay = question.form.map { .form($0) }
                show("Not done: nothing was changed.")
            default: break
            }
        case let .palette(editor):
            switch key {
            case .escape: self.overlay = nil
            case .enter:
                self.overlay = nil
                try runLine(editor.text)
            case .tab:
                if let match = registry.commands.map(\.id).first(where: { $0.hasPrefix(editor.text) && $0 != editor.text }) {
                    editor.text = match + " "
                }
            default: _ = editor.edit(key)
            }
        }
        return true
    }

    /// More keys than this arriving right behind one (each within a millisecond of the last)
    /// are a burst no person types: a paste through a terminal without bracketed paste.
    static let burstKeys = 2

    /// Called by the loop after a frame reached the terminal. A question that just appeared is
    /// armed now: keys that were already waiting (typed, or pasted, before anyone could read
    /// it) are dropped with a note. Returns true when the note needs a new frame.
    @discardableResult
    public func didPresent() -> Bool {
        guard case var .confirm(question) = overlay, !question.armed else { return false }
        let early = takeWaitingKeys().filter { $0 != .resize }
        question.armed = true
        overlay = .confirm(question)
        guard !early.isEmpty else { return false }
        let keys = early.count == 1 ? "1 key" : "\(early.count) keys"
        show("\(keys) typed before the question appeared \(early.count == 1 ? "was" : "were") ignored: press y to \(question.yes.lowercased()), n to go back.", .error)
        return true
    }

    /// Shows `items` in full in a box over the screen (problems to fix, a long refusal); closing
    /// it returns to what is open now.
    func showList(_ title: String, _ items: [String]) {
        overlay = .message(MessageModel(title: title, items: items, returnTo: overlay))
    }

    /// Pasted text outside any text field goes nowhere: it is never read as keys.
    private func ignorePaste() {
        show("Pasted text ignored: no text field is open.", .error)
    }

    private func handleFilterTyping(_ key: Key, _ w: Workspace) throws {
        guard let editor = w.filterEditor else { return }
        switch key {
        case .escape:
            w.filterEditor = nil
            try w.orders.setFilter("")
        case .enter:
            w.filterEditor = nil
        case .down, .up:
            w.filterEditor = nil
            handle(key)
        default:
            if editor.edit(key) { try w.orders.setFilter(editor.text) }
        }
    }

    /// Work for the moment after a frame is shown, when no key is waiting (the loop calls
    /// it): reading the queue's next page ahead, as a pager reads ahead, so paging down draws
    /// from memory, the loaded rows' parties, so moving onto a row reads nothing, the
    /// selected order's detail, and what the next tab shows. Errors wait for the key that
    /// needs the rows, which reports them.
    /// Returns true when the screen should be drawn again: the detail pane is open and now has
    /// the selected order's detail.
    @discardableResult
    public func workAhead() -> Bool {
        guard overlay == nil, let w = workspace, w.detail == nil, w.filterEditor == nil else { return false }
        var paneFilled = false
        if let list = w.currentList {
            // The pane waits for this detail, so it comes first when the pane is open.
            if w.showsPane, queueLayout.pane != nil, let code = list.selectedRow?.code, w.paneDetail?.code != code {
                prepareSelectedDetail(w, list)
                if let prepared = w.preparedDetail?.model, prepared.code == code {
                    w.paneDetail = prepared
                    paneFilled = true
                }
            }
            _ = try? list.readAhead(visible: tableHeight)
            try? list.learnParties()
            if !w.showsPane { prepareSelectedDetail(w, list) }
        }
        w.prepareNextTab()
        return paneFilled
    }

    /// Reads and lays out the selected order's detail, once per selected order, so that
    /// opening it (Enter) shows what is ready: a mail reader fetching the selected message.
    @discardableResult
    private func prepareSelectedDetail(_ w: Workspace, _ list: OrderListModel) -> Bool {
        guard let session, let code = list.selectedTarget?.code, w.preparedDetail?.model.code != code,
              let version = try? store.dataVersion(),
              let model = try? OrderDetailModel(store: store, code: code, viewer: session.actor) else { return false }
        _ = DetailScreen.lines(model, time: time, now: clock, width: size.cols)
        w.preparedDetail = (model, version)
        return true
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

    func reloadAfterChange() {
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

    // MARK: Messages

    func show(_ text: String, _ kind: Toast.Kind = .info) {
        toast = Toast(text: text, kind: kind, expires: uptime() + (kind == .info ? 2 : 4))
    }

    /// The walkthrough keeps a step's last message up while its caption is read (issue 20): a
    /// caption must be true of the screen, and a two-second toast is gone before it is read.
    func holdToast() {
        if let toast { self.toast = Toast(text: toast.text, kind: toast.kind, expires: .infinity) }
    }

    /// Lets a held message fade as usual (the next step, or take-over).
    func releaseToast() {
        if let toast, toast.expires == .infinity { self.toast = Toast(text: toast.text, kind: toast.kind, expires: uptime() + 2) }
    }

    func showError(_ error: Error) {
        show(Self.describe(error), .error)
    }

    /// One sentence for a person: SQLite's own errors (a damaged page met while browsing, a
    /// full disk, a lock held too long) say what happened instead of showing a result code.
    static func describe(_ error: Error) -> String {
        ErrorSentence.describe(error)
    }
}

extension AppModel {
    /// Shows a notice from start-up (a created database, a broken theme or config line) as a
    /// toast; errors stay for 4 s.
    public func notice(_ text: String) {
        // Longer than a toast: the first frame may take a moment to be looked at.
        let kind: Toast.Kind = text.contains(": ") && !text.hasPrefix("Created") ? .error : .info
        toast = Toast(text: text, kind: kind, expires: uptime() + 6)
    }

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
