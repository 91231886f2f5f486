import TradeGuardApplication
import TradeGuardCore
import TradeGuardStore

/// Every command of the app. Order matters: it is the order of the hint bar and the help.
enum AppCommands {
    static var all: [Command] {
        list + detail + drafting + orderActions + picker + global + DialogCommands.all
    }

    /// A party's own commands: the platform's workspace has none of them.
    static var drafting: [Command] {
        [
            Command("limits.activate", "Turn credit protection on", hint: "activate", keys: [.character("A")], context: .list, changesData: true,
                    disabled: { app in app.workspace.map(\.activationProblem) ?? "Activation is on the Limits tab." }) { app, _ in
                try app.changed(saying: app.workspace?.activate())
            },
            Command("draft.new", "Write a new contract", hint: "new", keys: [.character("+")], context: .list, changesData: true,
                    disabled: { app in app.workspace?.tab == .drafts || app.workspace?.tab == .orders ? nil : "New contracts are written from Drafts or Orders." }) { app, _ in
                try app.openContract(app.workspace?.newContractForm())
            },
            Command("order.link", "Show the payment link in full (to copy)", keys: [.character("L")], context: .order,
                    disabled: { app in app.workspace.map(\.paymentLinkProblem) ?? "No order selected." }) { app, _ in
                try app.workspace?.showPaymentLink(status: app)
            },
            Command("order.edit", "Edit the draft", hint: ActionCatalogue.entry(for: .edit).hint, keys: ActionCatalogue.entry(for: .edit).key.map { [.character($0)] } ?? [],
                    context: .order, changesData: true,
                    disabled: { app in app.blockedReason(.edit) }, blocked: { app in app.isBlocked(.edit) }) { app, _ in
                try app.openContract(app.workspace?.editContractForm())
            },
        ].map { $0.only(for: [.supplier, .buyer]) }
    }

    /// One command per workflow action taken by key: `order.confirm`, `order.pay`, …,
    /// `order.decide`. The hint bar shows only those the order in view allows; the others
    /// explain why not. Each is offered in the workspaces of those who may take it.
    static var orderActions: [Command] {
        OrderActions.keyed.map { entry in
            let action = entry.action
            return Command(entry.commandName, entry.title, hint: entry.hint, hintWhenEnabled: true, keys: entry.key.map { [.character($0)] } ?? [],
                    context: .order, changesData: true,
                    disabled: { app in app.blockedReason(action) }, blocked: { app in app.isBlocked(action) },
                    explain: { app in app.explainContractProblems(action) }) { app, _ in try app.startAction(action) }
                .only(for: workspaces(taking: entry))
        }
    }

    /// The workspaces that offer an action: both parties' for a party's action (each says why
    /// not when it is the other side's), the platform's for the platform's.
    static func workspaces(taking entry: ActionEntry) -> Set<PartyKind> {
        var sides: Set<PartyKind> = []
        if entry.takers.contains(.supplier) || entry.takers.contains(.buyer) { sides.formUnion([.supplier, .buyer]) }
        if entry.takers.contains(.platform) { sides.insert(.platform) }
        return sides
    }

    static var list: [Command] { [
        Command("nav.down", "Move down", hint: "move", hintKeys: "j/k", keys: [.down, .character("j")], context: .list) { app, _ in try app.workspace?.moveSelection(by: 1, on: app.screenView) },
        Command("nav.up", "Move up", keys: [.up, .character("k")], context: .list) { app, _ in try app.workspace?.moveSelection(by: -1, on: app.screenView) },
        Command("nav.pageDown", "Page down", keys: [.pageDown, .control("f")], context: .list) { app, _ in
            try app.workspace?.moveSelection(by: app.tableHeight - 1, on: app.screenView)
        },
        Command("nav.pageUp", "Page up", keys: [.pageUp, .control("b")], context: .list) { app, _ in
            try app.workspace?.moveSelection(by: -(app.tableHeight - 1), on: app.screenView)
        },
        Command("nav.top", "Go to the first row", keys: [.character("g"), .home], context: .list) { app, _ in
            try app.workspace?.currentList?.moveToTop(visible: app.tableHeight)
        },
        Command("nav.bottom", "Go to the last row", keys: [.character("G"), .end], context: .list) { app, _ in
            try app.workspace?.currentList?.moveToBottom(visible: app.tableHeight)
        },
        Command("view.pane", "Show or hide the detail pane under the queue", keys: [.character("v")], context: .list) { app, _ in
            app.workspace?.togglePane(on: app.screenView, status: app)
        },
        Command("order.open", "Open the selected order", hint: "open", keys: [.enter], context: .list,
                disabled: { app in app.workspace?.currentList?.selectedRow == nil ? "No order selected." : nil }) { app, _ in
            try app.workspace?.openSelected()
        },
        // Never refused: a refused "/" let the keys typed after it run as commands ("-" unticked
        // a checklist item). It filters the queue in view; from a dashboard (Limits,
        // Suppliers) it searches every order, in the Orders tab.
        Command("filter.start", "Filter this queue by text (case and accents ignored): filter.start [TEXT]", hint: "filter",
                keys: [.character("/")], context: .list,
                disabled: { app in app.workspace == nil ? "Choose a party first." : nil }) { app, args in
            try app.workspace?.startFilter(args, on: app.screenView, status: app)
        },
        Command("filter.next", "Next match", keys: [.character("n")], context: .list,
                disabled: { app in app.workspace?.filteredList == nil ? "No filter: press \(app.keyName("filter.start")) first." : nil }) { app, _ in
            try app.workspace?.moveSelection(by: 1, on: app.screenView)
        },
        Command("filter.previous", "Previous match", keys: [.character("N")], context: .list,
                disabled: { app in app.workspace?.filteredList == nil ? "No filter: press \(app.keyName("filter.start")) first." : nil }) { app, _ in
            try app.workspace?.moveSelection(by: -1, on: app.screenView)
        },
        Command("filter.clear", "Clear the filter", keys: [.escape], context: .list,
                disabled: { app in app.workspace?.filteredList == nil ? "No filter to clear." : nil }) { app, _ in try app.workspace?.filteredList?.setFilter("") },
        Command("sort.cycle", "Cycle the sort (code, counterparty, total, state, next deadline)", hint: "sort", keys: [.character("s")], context: .list,
                disabled: { app in app.workspace?.tab != .orders ? "Sorting works in the Orders tab."
                    : app.workspace?.orders.filter.isEmpty == false ? "Clear the filter to sort." : nil }) { app, _ in
            try app.workspace?.cycleSort(status: app)
        },
    ] }

    static var detail: [Command] { [
        Command("detail.down", "Scroll down", hint: "scroll", hintKeys: "j/k", keys: [.down, .character("j")], context: .detail) { app, _ in app.workspace?.scrollDetail(by: 1, on: app.screenView) },
        Command("detail.up", "Scroll up", keys: [.up, .character("k")], context: .detail) { app, _ in app.workspace?.scrollDetail(by: -1, on: app.screenView) },
        Command("detail.pageDown", "Page down", keys: [.pageDown, .character(" ")], context: .detail) { app, _ in
            app.workspace?.scrollDetail(by: app.mainHeight - 1, on: app.screenView)
        },
        Command("detail.pageUp", "Page up", keys: [.pageUp], context: .detail) { app, _ in
            app.workspace?.scrollDetail(by: -(app.mainHeight - 1), on: app.screenView)
        },
        Command("back", "Back to the list", hint: "back", hintKeys: "Esc", keys: [.escape, .character("q")], context: .detail) { app, _ in
            app.workspace?.detail = nil
        },
    ] }

    static var picker: [Command] { [
        Command("picker.down", "Move down", hint: "move", hintKeys: "j/k", keys: [.down, .character("j")], context: .picker) { app, _ in app.picker?.move(by: 1) },
        Command("picker.up", "Move up", keys: [.up, .character("k")], context: .picker) { app, _ in app.picker?.move(by: -1) },
        // As in the queues: a seeded database offers thousands of parties.
        Command("picker.pageDown", "Page down", keys: [.pageDown, .control("f")], context: .picker) { app, _ in
            app.picker?.move(by: max(1, app.mainHeight - 2))
        },
        Command("picker.pageUp", "Page up", keys: [.pageUp, .control("b")], context: .picker) { app, _ in
            app.picker?.move(by: -max(1, app.mainHeight - 2))
        },
        Command("picker.top", "Go to the first party", keys: [.character("g"), .home], context: .picker) { app, _ in app.picker?.selected = 0 },
        Command("picker.bottom", "Go to the last party", keys: [.character("G"), .end], context: .picker) { app, _ in
            if let picker = app.picker { picker.selected = max(0, picker.parties.count - 1) }
        },
        Command("picker.choose", "Act as this party", hint: "choose", keys: [.enter], context: .picker) { app, _ in try app.choosePicked() },
        Command("picker.back", "Back to the workspace you came from", hint: "back", keys: [.escape, .character("q")], context: .picker,
                disabled: { app in app.pickerReturn == nil ? "Choose who to act as first." : nil }) { app, _ in app.leavePicker() },
    ] }

    static var global: [Command] {
        [
            Command("tab.next", "Next tab", hint: "tabs", keys: [.tab, .right], context: .global,
                    disabled: { app in app.workspace == nil ? "Choose a party first." : nil }) { app, _ in
                app.workspace?.switchTab(by: 1, on: app.screenView, status: app)
            },
            Command("tab.previous", "Previous tab", keys: [.backTab, .left], context: .global,
                    disabled: { app in app.workspace == nil ? "Choose a party first." : nil }) { app, _ in
                app.workspace?.switchTab(by: -1, on: app.screenView, status: app)
            },
        ] + (1...8).map { n in
            Command("tab.\(n)", "Go to tab \(n)", keys: [.character(Character(String(n)))], context: .global,
                    disabled: { app in app.workspace == nil ? "Choose a party first." : nil }) { app, _ in
                app.workspace?.switchTab(to: n - 1, on: app.screenView, status: app)
            }
        } + [
            Command("party.switch", "Act as another party (demo databases): party.switch [HANDLE]", keys: [], context: .global,
                    disabled: { app in app.kind != .demo ? "Switching party is only possible on a demo database." : nil }) { app, args in
                try app.switchParty(args)
            },
            Command("clock.advance", "Advance the simulated clock (demo databases): clock.advance 7d", keys: [], context: .global, changesData: true,
                    disabled: { app in app.kind != .demo ? "The clock moves by itself on a real database." : nil }) { app, args in
                try app.changed(saying: DemoClock(store: app.store, time: app.time).advance(args))
            },
            Command("theme", "Use another theme and remember it: theme light (no name lists them)", keys: [], context: .global) { app, args in
                try app.themes.choose(args, status: app)
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
