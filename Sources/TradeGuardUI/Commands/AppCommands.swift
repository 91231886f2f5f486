import TradeGuardApplication
import TradeGuardCore
import TradeGuardStore

/// Every command of the app. Order matters: it is the order of the hint bar and the help.
enum AppCommands {
    static var all: [Command] {
        list + detail + drafting + orderActions + picker + global + DialogCommands.all
    }

    static var drafting: [Command] {
        [
            Command("limits.activate", "Turn credit protection on", hint: "activate", keys: [.character("A")], context: .list, changesData: true,
                    disabled: { app in
                        guard let w = app.workspace, w.tab == .limits else { return "Activation is on the Limits tab." }
                        // From the limit summary the workspace already holds: no read per frame.
                        return w.limit?.latest?.status == .notActivated ? nil : "Credit protection is already active."
                    }) { app, _ in try app.activate() },
            Command("draft.new", "Write a new contract", hint: "new", keys: [.character("+")], context: .list, changesData: true,
                    disabled: { app in app.workspace?.tab == .drafts || app.workspace?.tab == .orders ? nil : "New contracts are written from Drafts or Orders." }) { app, _ in
                try app.newDraft()
            },
            Command("order.link", "Show the payment link in full (to copy)", keys: [.character("L")], context: .order,
                    disabled: { app in app.paymentLinkProblem() }) { app, _ in try app.showPaymentLink() },
            Command("order.edit", "Edit the draft", hint: ActionCatalogue.entry(for: .edit).hint, keys: ActionCatalogue.entry(for: .edit).key.map { [.character($0)] } ?? [],
                    context: .order, changesData: true,
                    disabled: { app in app.blockedReason(.edit) }, blocked: { app in app.isBlocked(.edit) }) { app, _ in try app.editDraft() },
        ]
    }

    /// One command per workflow action a party can take: `order.confirm`, `order.pay`, … The
    /// hint bar shows only those the order in view allows; the others explain why not.
    static var orderActions: [Command] {
        OrderActions.keyed.map { entry in
            let action = entry.action
            return Command(entry.commandName, entry.title, hint: entry.hint, hintWhenEnabled: true, keys: entry.key.map { [.character($0)] } ?? [],
                    context: .order, changesData: true,
                    disabled: { app in app.blockedReason(action) }, blocked: { app in app.isBlocked(action) },
                    explain: { app in app.explainContractProblems(action) }) { app, _ in try app.startAction(action) }
        }
    }

    static var list: [Command] { [
        Command("nav.down", "Move down", hint: "move", hintKeys: "j/k", keys: [.down, .character("j")], context: .list) { app, _ in try app.moveSelection(1) },
        Command("nav.up", "Move up", keys: [.up, .character("k")], context: .list) { app, _ in try app.moveSelection(-1) },
        Command("nav.pageDown", "Page down", keys: [.pageDown, .control("f")], context: .list) { app, _ in try app.moveSelection(app.tableHeight - 1) },
        Command("nav.pageUp", "Page up", keys: [.pageUp, .control("b")], context: .list) { app, _ in try app.moveSelection(-(app.tableHeight - 1)) },
        Command("nav.top", "Go to the first row", keys: [.character("g"), .home], context: .list) { app, _ in
            try app.workspace?.currentList?.moveToTop(visible: app.tableHeight)
        },
        Command("nav.bottom", "Go to the last row", keys: [.character("G"), .end], context: .list) { app, _ in
            try app.workspace?.currentList?.moveToBottom(visible: app.tableHeight)
        },
        Command("view.pane", "Show or hide the detail pane under the queue", keys: [.character("v")], context: .list) { app, _ in
            app.togglePane()
        },
        Command("order.open", "Open the selected order", hint: "open", keys: [.enter], context: .list,
                disabled: { app in app.workspace?.currentList?.selectedRow == nil ? "No order selected." : nil }) { app, _ in
            try app.openSelected()
        },
        // Never refused: a refused "/" let the keys typed after it run as commands ("-" unticked
        // a checklist item). It filters the queue in view; from a dashboard (Limits,
        // Suppliers) it searches every order, in the Orders tab.
        Command("filter.start", "Filter this queue by text (case and accents ignored): filter.start [TEXT]", hint: "filter",
                keys: [.character("/")], context: .list,
                disabled: { app in app.workspace == nil ? "Choose a party first." : nil }) { app, args in
            guard let w = app.workspace else { return }
            if w.tab.scope(for: w.session.side) == nil, let orders = w.tabs.firstIndex(of: .orders) {
                app.switchTab(to: orders)
                app.show("Searching every order (Orders tab); \(app.keyLabel("filter.clear")) clears, \(app.keyName("tab.next")) goes back to the queues.")
            }
            let list = try w.list(for: w.tab)
            if args.isEmpty {
                w.filterEditor = LineEditor(list.filter)
            } else {
                try list.setFilter(args.joined(separator: " "))
            }
        },
        Command("filter.next", "Next match", keys: [.character("n")], context: .list,
                disabled: { app in app.workspace?.filteredList == nil ? "No filter: press \(app.keyName("filter.start")) first." : nil }) { app, _ in try app.moveSelection(1) },
        Command("filter.previous", "Previous match", keys: [.character("N")], context: .list,
                disabled: { app in app.workspace?.filteredList == nil ? "No filter: press \(app.keyName("filter.start")) first." : nil }) { app, _ in try app.moveSelection(-1) },
        Command("filter.clear", "Clear the filter", keys: [.escape], context: .list,
                disabled: { app in app.workspace?.filteredList == nil ? "No filter to clear." : nil }) { app, _ in try app.workspace?.filteredList?.setFilter("") },
        Command("sort.cycle", "Cycle the sort (code, counterparty, total, state, next deadline)", hint: "sort", keys: [.character("s")], context: .list,
                disabled: { app in app.workspace?.tab != .orders ? "Sorting works in the Orders tab."
                    : app.workspace?.orders.filter.isEmpty == false ? "Clear the filter to sort." : nil }) { app, _ in
            try app.workspace?.orders.cycleSort()
            if let sort = app.workspace?.orders.sort { app.show("Sorted by \(sort.title)") }
        },
    ] }

    static var detail: [Command] { [
        Command("detail.down", "Scroll down", hint: "scroll", hintKeys: "j/k", keys: [.down, .character("j")], context: .detail) { app, _ in app.scrollDetail(1) },
        Command("detail.up", "Scroll up", keys: [.up, .character("k")], context: .detail) { app, _ in app.scrollDetail(-1) },
        Command("detail.pageDown", "Page down", keys: [.pageDown, .character(" ")], context: .detail) { app, _ in app.scrollDetail(app.mainHeight - 1) },
        Command("detail.pageUp", "Page up", keys: [.pageUp], context: .detail) { app, _ in app.scrollDetail(-(app.mainHeight - 1)) },
        Command("back", "Back to the list", hint: "back", hintKeys: "Esc", keys: [.escape, .character("q")], context: .detail) { app, _ in
            app.workspace?.detail = nil
        },
    ] }

    static var picker: [Command] { [
        Command("picker.down", "Move down", hint: "move", hintKeys: "j/k", keys: [.down, .character("j")], context: .picker) { app, _ in app.movePicker(1) },
        Command("picker.up", "Move up", keys: [.up, .character("k")], context: .picker) { app, _ in app.movePicker(-1) },
        Command("picker.choose", "Act as this party", hint: "choose", keys: [.enter], context: .picker) { app, _ in try app.choosePicked() },
        Command("picker.back", "Back to the workspace you came from", hint: "back", keys: [.escape, .character("q")], context: .picker,
                disabled: { app in app.pickerReturn == nil ? "Choose who to act as first." : nil }) { app, _ in app.leavePicker() },
    ] }

    static var global: [Command] {
        [
            Command("tab.next", "Next tab", hint: "tabs", keys: [.tab, .right], context: .global,
                    disabled: { app in app.workspace == nil ? "Choose a party first." : nil }) { app, _ in app.switchTab(by: 1) },
            Command("tab.previous", "Previous tab", keys: [.backTab, .left], context: .global,
                    disabled: { app in app.workspace == nil ? "Choose a party first." : nil }) { app, _ in app.switchTab(by: -1) },
        ] + (1...8).map { n in
            Command("tab.\(n)", "Go to tab \(n)", keys: [.character(Character(String(n)))], context: .global,
                    disabled: { app in app.workspace == nil ? "Choose a party first." : nil }) { app, _ in app.switchTab(to: n - 1) }
        } + [
            Command("party.switch", "Act as another party (demo databases): party.switch [HANDLE]", keys: [], context: .global,
                    disabled: { app in app.kind != .demo ? "Switching party is only possible on a demo database." : nil }) { app, args in
                try app.switchParty(args)
            },
            Command("clock.advance", "Advance the simulated clock (demo databases): clock.advance 7d", keys: [], context: .global, changesData: true,
                    disabled: { app in app.kind != .demo ? "The clock moves by itself on a real database." : nil }) { app, args in
                try app.advanceClock(args)
            },
            Command("theme", "Use another theme and remember it: theme light (no name lists them)", keys: [], context: .global) { app, args in
                try app.chooseTheme(args)
            },
            Command("help", "Show every command and its keys", hint: "help", keys: [.character("?"), .function(1)], context: .global) { app, _ in
                app.overlay = .help(HelpModel())
            },
            Command("palette", "Run a command by name", hint: "commands", keys: [.character(":")], context: .global) { app, _ in
                app.overlay = .palette(LineEditor())
            },
            Command("quit", "Quit", hint: "quit", keys: [.character("Q")], context: .global) { app, _ in app.exitStatus = 0 },
        ]
    }
}

/// What the commands do, kept on the model so commands stay one line each.
extension AppModel {
    var workspace: Workspace? {
        if case let .workspace(w) = mode { return w }
        return nil
    }

    /// Where the current tab's table and the detail pane are drawn.
    var queueLayout: QueueLayout {
        QueueLayout(mainTop: 2, mainHeight: mainHeight, band: workspace?.overview != nil, pane: workspace?.showsPane ?? false)
    }

    /// Rows of the order table below its header.
    var tableHeight: Int { queueLayout.rows }

    func moveSelection(_ delta: Int) throws {
        if let dashboard = workspace?.dashboard { dashboard.scroll(by: delta, visible: mainHeight); return }
        try workspace?.currentList?.move(by: delta, visible: tableHeight)
    }

    func openSelected() throws {
        guard let w = workspace, let row = w.currentList?.selectedRow, let session else { return }
        defer { w.preparedDetail = nil }
        if let prepared = w.preparedDetail, prepared.model.code == row.code, prepared.dataVersion == (try? store.dataVersion()) {
            w.detail = prepared.model
        } else {
            w.detail = try OrderDetailModel(store: store, code: row.code, viewer: session.actor)
        }
    }

    func scrollDetail(_ delta: Int) {
        guard let detail = workspace?.detail else { return }
        let total = DetailScreen.lines(detail, time: time, now: clock, width: size.cols).count
        detail.scroll(by: delta, visible: mainHeight, total: total)
    }

    func movePicker(_ delta: Int) {
        guard case let .picker(p) = mode else { return }
        p.selected = max(0, min(p.parties.count - 1, p.selected + delta))
    }

    /// The workspace the picker was opened from (`party.switch`), if any.
    var pickerReturn: Workspace? {
        if case let .picker(p) = mode { return p.returnTo }
        return nil
    }

    func leavePicker() {
        guard let back = pickerReturn else { return }
        mode = .workspace(back)
        back.rowsHint = size.rows
        reloadAfterChange()
    }

    func choosePicked() throws {
        guard case let .picker(p) = mode, let choice = p.choice else { return }
        mode = .workspace(try Workspace(store: store, session: Session(party: choice), keys: registry))
        workspace?.rowsHint = size.rows
        show("Acting as \(choice.name) (\(Words.side(choice.party.kind).lowercased()))")
    }

    func togglePane() {
        guard let w = workspace else { return }
        w.showsPane.toggle()
        if w.showsPane && queueLayout.pane == nil { show("The detail pane needs a taller terminal.") }
        // The table is shorter or taller now: keep the selected row on screen.
        w.currentList?.scrollIntoView(visible: tableHeight)
    }

    func switchTab(by delta: Int) {
        guard let w = workspace else { return }
        switchTab(to: (w.activeTab + delta + w.tabs.count) % w.tabs.count)
    }

    func switchTab(to index: Int) {
        guard let w = workspace, w.tabs.indices.contains(index) else { return }
        // A notice belongs to the tab it was about; only an error from this switch (below) shows.
        toast = nil
        w.activeTab = index
        w.detail = nil
        w.filterEditor = nil
        w.time = time
        w.width = size.cols
        w.now = clock
        do { try w.loadDashboard() } catch { showError(error) }
        // Each list keeps its place; the table may be shorter here (the Overview's band, the pane).
        w.currentList?.scrollIntoView(visible: tableHeight)
    }

    func switchParty(_ args: [String]) throws {
        guard let name = args.first else {
            let picker = try PickerModel(store: store)
            picker.returnTo = workspace          // Esc comes back here, as it was
            mode = .picker(picker)
            return
        }
        guard let handle = try? Handle(name) else { throw StoreError.unknownParty(name) }
        let record = try store.party(handle)
        guard record.party.kind != .platform else { throw StoreError.invalid("The platform has no workspace in this app.") }
        mode = .workspace(try Workspace(store: store, session: Session(party: record), keys: registry))
        workspace?.rowsHint = size.rows
        show("Acting as \(record.name)")
    }

    func paymentLinkProblem() -> String? {
        guard let target = actionTarget else { return "No order selected." }
        return target.state == .draft || target.state == .awaitingConfirmation || target.state == .cancelled
            ? "A payment link is issued when the contract is confirmed." : nil
    }

    /// The full link, long enough on screen to copy; everywhere else it is masked.
    func showPaymentLink() throws {
        guard let target = actionTarget else { return }
        let order = try store.order(target.code, as: session?.actor)
        guard let link = order.paymentLink else { throw StoreError.invalid("\(order.code) has no payment link.") }
        toast = Toast(text: "Payment link for \(order.code): \(link.url)", kind: .info, expires: uptime() + 15)
    }

    func activate() throws {
        guard let session else { return }
        let breakdown = try store.activate(session.party.handle, as: session.actor)
        reloadAfterChange()
        show("Credit protection is on: limit \(breakdown.granted).")
    }

    func chooseTheme(_ args: [String]) throws {
        guard let name = args.first else {
            showList("Themes: choose one with :theme NAME", ThemeCatalog.live().list().map { info in
                "\(info.name) — \(info.problem ?? info.description)"
            })
            return
        }
        guard let themeSwitcher else { throw StoreError.invalid("The theme cannot be changed here; start with --theme \(name).") }
        do {
            let (theme, note) = try themeSwitcher(name)
            chosenTheme = theme
            show("Theme \(name)" + (note.map { "; \($0)" } ?? ", remembered for next time."), note == nil ? .info : .error)
        } catch {
            throw StoreError.invalid("Theme not changed: \(error)")
        }
    }

    func advanceClock(_ args: [String]) throws {
        guard let text = args.first else { throw StoreError.invalid("Say how far: clock.advance 7d (or 12h, 30m).") }
        let step: ClockStep
        do { step = try ClockStep.parse(text) } catch { throw StoreError.invalid(error.description) }
        clock = try store.advanceClock(by: step)
        let applied = try store.sweep()
        reloadAfterChange()
        show("Clock now \(time.dateTime(clock))" + (applied.isEmpty ? "" : "; \(applied.count) timeout\(applied.count == 1 ? "" : "s") applied"))
    }
}
