import TradeGuardCore
import TradeGuardStore

/// Draws the whole frame for the model's state: title, tabs, main area, status, hints, and any
/// overlay on top. A pure function of the model: the same state always gives the same canvas.
extension AppModel {
    public func render() -> Canvas {
        var canvas = Canvas(rows: size.rows, cols: size.cols)
        guard size.rows >= Self.minimumSize.rows, size.cols >= Self.minimumSize.cols else {
            TooSmall.draw(&canvas, need: Self.minimumSize, keys: registry.keysLine(.tooSmall))
            return canvas
        }
        TitleBar.draw(&canvas, titleInputs(cols: canvas.cols), time: time, kept: &titleLine)
        switch mode {
        case let .picker(picker):
            canvas.put(" Choose who to act as: a demo database lets you play every part", row: 1, col: 0, role: .header)
            PickerScreen.draw(&canvas, picker, top: 2, height: mainHeight)
        case let .workspace(w):
            TabRow.draw(&canvas, w, kept: &tabLine)
            if let detail = w.detail {
                DetailScreen.draw(&canvas, detail, time: time, now: clock, top: 2, height: mainHeight)
            } else if let list = w.currentList {
                let layout = queueLayout
                if let figures = w.overview { OverviewBand.draw(&canvas, figures, side: w.session.side, row: 2) }
                OrderTable.draw(&canvas, list, side: w.session.side, time: time, now: clock, top: layout.top, height: layout.height,
                                emptyMessage: w.tab.emptyMessage(keys: registry, side: w.session.side), clearKey: keyName("filter.clear"))
                if let pane = layout.pane {
                    DetailPane.draw(&canvas, w.paneDetail, selected: list.selectedRow?.code, time: time, now: clock, top: pane.top, height: pane.height,
                                    openKey: keyLabel("order.open"))
                }
            } else if let dashboard = w.dashboard {
                DashboardScreen.draw(&canvas, dashboard, top: 2, height: mainHeight)
            }
        }
        messageTop = StatusLine.draw(&canvas, workspace: workspace, toast: toast, readOnlyReason: readOnlyReason,
                                     clearKey: keyLabel("filter.clear"), filterKey: keyName("filter.start"), row: size.rows - 2)
        // The bar lists what can be done now, from the registry — in a dialog, its own keys;
        // `?` lists everything.
        HintBar.draw(&canvas, registry.visible(in: context).filter { $0.hint != nil && $0.isEnabled(self) }, row: size.rows - 1)
        if case let .help(help)? = overlay {
            HelpOverlay.draw(&canvas, help, registry: registry, here: screenContext, closeKey: keyLabel("help.close"),
                             whyDisabled: { $0.disabledReason(self) }, offered: { $0.isOffered(self) })
        }
        if case let .palette(editor)? = overlay {
            Palette.draw(&canvas, editor, registry: registry, whyDisabled: { $0.disabledReason(self) }, offered: { $0.isOffered(self) })
        }
        if case let .form(form)? = overlay { FormScreen.draw(&canvas, form, keys: registry.keysLine(.form)) }
        if case let .confirm(question)? = overlay { ConfirmScreen.draw(&canvas, question, keys: registry.confirmKeys(question)) }
        if case let .contract(form)? = overlay { ContractScreen.draw(&canvas, form, keys: registry.keysLine(.contract)) }
        if case let .message(message)? = overlay {
            // Over what it came from (a form stays visible around it).
            if case let .contract(form)? = message.returnTo { ContractScreen.draw(&canvas, form, keys: registry.keysLine(.contract)) }
            if case let .form(form)? = message.returnTo { FormScreen.draw(&canvas, form, keys: registry.keysLine(.form)) }
            MessageScreen.draw(&canvas, message, keys: registry.keysLine(.message))
        }
        return canvas
    }
}

enum TooSmall {
    /// `keys`: its context's keys from the registry ("Q quits").
    static func draw(_ canvas: inout Canvas, need: (rows: Int, cols: Int), keys: String) {
        let lines = ["Terminal too small", "(need \(need.cols)×\(need.rows), have \(canvas.cols)×\(canvas.rows))", keys]
        let top = max(0, (canvas.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let col = max(0, (canvas.cols - DisplayWidth.of(line)) / 2)
            canvas.put(line, row: top + i, col: col, role: i == 0 ? .statusWarn : .normal)
        }
    }
}

enum TitleBar {
    /// Mode and party on the left; the money that matters (a seller's free limit, a buyer's
    /// covered and uncovered totals) and the clock on the right. When space is short the
    /// figures shorten step by step, so the party's name always keeps some room.
    /// What the bar shows depends on these alone; the line drawn for them is kept, because
    /// formatting four amounts and a date was a seventh of every frame.
    struct Inputs: Equatable {
        let cols: Int
        let clock: Instant
        let demo: Bool
        let readOnly: Bool
        let party: String?
        let side: PartyKind?
        let granted: Money?
        let available: Money?
        let exposure: BuyerExposure?
    }

    /// Draws the bar for `inputs`, or puts the line `kept` from the last time they were the same.
    static func draw(_ canvas: inout Canvas, _ inputs: Inputs, time: TimeFormat, kept: inout KeptLine<Inputs>) {
        kept.put(on: &canvas, row: 0, inputs: inputs) { drawAfresh(&$0, inputs, time: time) }
    }

    private static func drawAfresh(_ canvas: inout Canvas, _ inputs: Inputs, time: TimeFormat) {
        canvas.fill(row: 0, col: 0, height: 1, width: canvas.cols, role: .title)
        let clock = "\(time.dateTime(inputs.clock))\(inputs.demo ? " demo" : "") "
        var left = " TradeGuard"
        var candidates = [clock]
        if let party = inputs.party, let side = inputs.side {
            left = " \(Words.side(side)) · \(party)"
            if let available = inputs.available, let granted = inputs.granted {
                candidates = ["limit \(available) of \(granted) · " + clock, "free \(available) · " + clock, clock]
            } else if let exposure = inputs.exposure {
                candidates = ["covered \(exposure.covered) · uncovered \(exposure.uncovered) · " + clock,
                              "uncovered \(exposure.uncovered) · " + clock, clock]
            }
        }
        // Read-only: the marker comes first and is never cut; the reason is on the status line.
        let marker = inputs.readOnly ? " READ-ONLY " : ""
        let markerWidth = DisplayWidth.of(marker)
        let minimumLeft = min(DisplayWidth.of(left), 20) + markerWidth
        let right = candidates.first { canvas.cols - DisplayWidth.of($0) - 1 >= minimumLeft } ?? clock
        let rightCol = max(0, canvas.cols - DisplayWidth.of(right))
        let leftCol = canvas.put(marker, row: 0, col: 0, role: .statusWarn)
        canvas.put(DisplayWidth.truncate(left, to: max(0, rightCol - 1 - leftCol)), row: 0, col: leftCol, role: .title)
        canvas.put(right, row: 0, col: rightCol, role: .title)
    }
}

extension AppModel {
    /// What the title bar shows now.
    func titleInputs(cols: Int) -> TitleBar.Inputs {
        let w = workspace
        return TitleBar.Inputs(cols: cols, clock: clock, demo: kind == .demo, readOnly: readOnlyReason != nil,
                               party: session?.party.name, side: session?.side,
                               granted: w?.limit?.granted, available: w?.limit?.available, exposure: w?.exposure)
    }
}

enum TabRow {
    struct Inputs: Equatable {
        let cols: Int
        let tabs: [WorkspaceTab]
        let active: Int
    }

    /// Drawn once per set of tabs and active tab, like the title bar.
    static func draw(_ canvas: inout Canvas, _ w: Workspace, kept: inout KeptLine<Inputs>) {
        kept.put(on: &canvas, row: 1, inputs: Inputs(cols: canvas.cols, tabs: w.tabs, active: w.activeTab)) { draw(&$0, w) }
    }

    /// Roomy labels when they fit, compact ones when not, and short names when not even those
    /// fit (all eight at 80 columns).
    static func draw(_ canvas: inout Canvas, _ w: Workspace) {
        let roomy = w.tabs.enumerated().reduce(0) { $0 + DisplayWidth.of(" \($1.offset + 1) \($1.element.rawValue) ") + 1 } <= canvas.cols
        let compact = w.tabs.enumerated().reduce(0) { $0 + DisplayWidth.of("\($1.offset + 1) \($1.element.rawValue)") + 1 } - 1 <= canvas.cols
        var col = 0
        for (i, tab) in w.tabs.enumerated() {
            let label = roomy ? " \(i + 1) \(tab.rawValue) " : compact ? "\(i + 1) \(tab.rawValue)" : "\(i + 1) \(tab.shortTitle)"
            col = canvas.put(label, row: 1, col: col, role: i == w.activeTab ? .tabActive : .tab) + 1
        }
    }
}

/// Above the Overview's "awaiting you" list: the day's shape in one line, and the ladder.
enum OverviewBand {
    static func draw(_ canvas: inout Canvas, _ f: OverviewFigures, side: PartyKind, row: Int) {
        func n(_ value: Int) -> String { value > 1_000 ? "1,000+" : Words.number(value) }
        var col = canvas.put(" Awaiting you \(n(f.awaitingMe))", row: row, col: 0, role: .header)
        col = canvas.put(" · overdue \(n(f.overdue))", row: row, col: col, role: f.overdue > 0 ? .deadlineOverdue : .muted)
        col = canvas.put(" · awaiting \(side == .supplier ? "buyer" : "supplier") \(n(f.awaitingOther))", row: row, col: col, role: .normal)
        col = canvas.put(" · due T-1 \(n(f.dueWithin1))", row: row, col: col, role: f.dueWithin1 > 0 ? .deadlineSoon : .muted)
        col = canvas.put(" T-3 \(n(f.dueWithin3))", row: row, col: col, role: f.dueWithin3 > 0 ? .deadlineSoon : .muted)
        canvas.put(" T-7 \(n(f.dueWithin7))", row: row, col: col, role: .muted)
    }
}

enum Wrap {
    /// Greedy word wrap by display width.
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) > width && !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

enum StatusLine {
    /// The toast, the filter being typed or in force, or the read-only banner on the left; the
    /// list position on the right. Returns the first row the message took (a long one wraps
    /// upward over the rows above the status line). `clearKey` clears a filter in force (looked
    /// up only when one is); `filterKey` opened the one being typed, and is its prompt.
    static func draw(_ canvas: inout Canvas, workspace: Workspace?, toast: Toast?, readOnlyReason: String?,
                     clearKey: @autoclosure () -> String, filterKey: @autoclosure () -> String, row: Int) -> Int {
        var messageTop = row
        var right = ""
        var position = ""
        if let w = workspace, w.detail == nil, let list = w.currentList {
            position = list.total > 0 ? Words.number(list.selected + 1) : ""
            right = list.total > 0 ? "row \(position) of \(Words.number(list.total))" : "no orders"
            if list.filter.isEmpty && list.scope == .all { right += " · by \(list.sort.title)" }
            switch list.scope {
            case .all: break
            case .disputes(.escalated): right += " · longest waiting first"
            case .disputes(.open): right += " · by code"
            default: right += " · nearest deadline first"
            }
            right += " "
        }
        // A message to read wins over the position: the position gives way when both do not fit.
        let banner = readOnlyReason.map { "READ-ONLY — \($0); changes are disabled." }
        let filtering = workspace?.filteredList != nil
        let message = toast?.text ?? (filtering ? "" : banner ?? "")
        if workspace?.filterEditor == nil, !message.isEmpty, DisplayWidth.of(message) + 3 + DisplayWidth.of(right) > canvas.cols {
            right = ""
        }
        let rightCol = canvas.cols - DisplayWidth.of(right)
        canvas.put(right, row: row, col: rightCol, role: .muted)
        // The row number is the part that changes as the cursor moves: in the normal colour it
        // stands out from its muted labels, and a move then ends on the terminal's own colours,
        // which saves a colour change and the closing reset on every move (DESIGN §7's bytes).
        if !position.isEmpty, !right.isEmpty { canvas.put(position, row: row, col: rightCol + 4, role: .normal) }
        let room = max(0, rightCol - 2)
        if let editor = workspace?.filterEditor {
            let count = workspace?.loadedCurrentList?.filterCount.map { "  \($0.countText) match\($0.matchCount == 1 ? "" : "es")" } ?? ""
            // The prompt is the key that opened the filter (a keys.conf may bind another).
            let key = filterKey()
            let prompt = DisplayWidth.of(key) > 1 ? key + " " : key
            let (shown, cursorColumn) = editor.window(width: max(1, room - DisplayWidth.of(prompt) - DisplayWidth.of(count)))
            let end = canvas.put(prompt + shown, row: row, col: 1, role: .input)
            canvas.put(count, row: row, col: end, role: .muted, width: max(0, rightCol - end))
            canvas.cursor = (row, min(canvas.cols - 1, 1 + DisplayWidth.of(prompt) + cursorColumn))
        } else if let toast {
            // A message longer than the line is never cut: it goes on over the rows above it,
            // ending on the status line, until it fades.
            let lines = TextWrap.lines(toast.text, width: max(1, room))
            let first = max(2, row - lines.count + 1)
            messageTop = first
            for (i, line) in lines.suffix(row - first + 1).enumerated() {
                if first + i < row { canvas.fill(row: first + i, col: 0, height: 1, width: canvas.cols, role: .normal) }
                canvas.put(line, row: first + i, col: 1, role: toast.kind == .error ? .statusDanger : .statusOK)
            }
        } else if let list = workspace?.filteredList {
            let count = list.filterCount?.countText ?? "0"
            canvas.put(DisplayWidth.truncate("filter: \(list.filter)  (\(count) matches, \(clearKey()) clears)", to: room), row: row, col: 1, role: .muted)
        } else if let banner {
            canvas.put(DisplayWidth.truncate(banner, to: room), row: row, col: 1, role: .statusWarn)
        }
        return messageTop
    }
}

enum HintBar {
    /// Help and quit are pinned to the right end, so how to get help and how to leave are always
    /// on screen; the other hints fill the rest in order.
    static func draw(_ canvas: inout Canvas, _ commands: [Command], row: Int) {
        let pinned = ["help", "quit"]
        let pairs = commands.filter { !pinned.contains($0.id) }.compactMap { command in command.hint.map { (command.keyLabel, $0) } }
        let right = commands.filter { pinned.contains($0.id) }.compactMap { command in command.hint.map { (command.keyLabel, $0) } }
        // A dialog's bar has neither: its hints have the whole row.
        guard !right.isEmpty else { return draw(&canvas, pairs: pairs, row: row) }
        let rightText = right.map { "\($0.0) \($0.1)" }.joined(separator: "  ") + " "
        let rightCol = canvas.cols - DisplayWidth.of(rightText)
        draw(&canvas, pairs: pairs, row: row, limit: rightCol - 1)
        var col = rightCol
        for (key, hint) in right {
            col = canvas.put(key, row: row, col: col, role: .hintKey)
            col = canvas.put(" " + hint, row: row, col: col, role: .hintText) + 2
        }
    }

    static func draw(_ canvas: inout Canvas, pairs: [(key: String, hint: String)], row: Int, limit: Int? = nil) {
        canvas.fill(row: row, col: 0, height: 1, width: canvas.cols, role: .hintText)
        var col = 1
        for (key, hint) in pairs {
            let width = DisplayWidth.of(key) + 1 + DisplayWidth.of(hint)
            if col + width >= (limit ?? canvas.cols) { break }
            col = canvas.put(key, row: row, col: col, role: .hintKey)
            col = canvas.put(" " + hint, row: row, col: col, role: .hintText) + 2
        }
    }
}
