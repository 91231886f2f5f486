import TradeGuardCore

/// What moving about a workspace needs of the screen: the rows between the tab row and the
/// status line, the width, and how a detail's dates read (the format and the app's clock).
struct ScreenView {
    let mainHeight: Int
    let cols: Int
    let time: TimeFormat
    let now: Instant
}

/// Moving about a party's workspace: the list, detail, pane and tab commands call these with
/// the screen they are on and, where they say something, the status line.
extension Workspace {
    /// Where the current tab's table and the detail pane are drawn.
    func layout(mainHeight: Int) -> QueueLayout {
        QueueLayout(mainTop: 2, mainHeight: mainHeight, band: overview != nil, pane: showsPane)
    }

    /// Moves the selection `delta` rows, or scrolls the dashboard in view.
    func moveSelection(by delta: Int, on view: ScreenView) throws {
        if let dashboard { dashboard.scroll(by: delta, visible: view.mainHeight); return }
        try currentList?.move(by: delta, visible: layout(mainHeight: view.mainHeight).rows)
    }

    /// Opens the selected order: the detail read between keys, if nothing committed since.
    func openSelected() throws {
        guard let row = currentList?.selectedRow else { return }
        defer { preparedDetail = nil }
        if let prepared = preparedDetail, prepared.model.code == row.code, prepared.dataVersion == (try? store.dataVersion()) {
            detail = prepared.model
        } else {
            detail = try OrderDetailModel(store: store, code: row.code, viewer: session.actor)
        }
    }

    /// Scrolls the open detail, no further than its last line.
    func scrollDetail(by delta: Int, on view: ScreenView) {
        guard let detail else { return }
        let total = DetailScreen.lines(detail, time: view.time, now: view.now, width: view.cols).count
        detail.scroll(by: delta, visible: view.mainHeight, total: total)
    }

    /// Shows or hides the detail pane under the queue (`v`).
    func togglePane(on view: ScreenView, status: StatusMessages) {
        showsPane.toggle()
        let layout = layout(mainHeight: view.mainHeight)
        if showsPane && layout.pane == nil { status.show("The detail pane needs a taller terminal.") }
        // The table is shorter or taller now: keep the selected row on screen.
        currentList?.scrollIntoView(visible: layout.rows)
    }

    func switchTab(by delta: Int, on view: ScreenView, status: StatusMessages) {
        switchTab(to: (activeTab + delta + tabs.count) % tabs.count, on: view, status: status)
    }

    func switchTab(to index: Int, on view: ScreenView, status: StatusMessages) {
        guard tabs.indices.contains(index) else { return }
        // A notice belongs to the tab it was about; only an error from this switch (below) shows.
        status.clearNotice()
        activeTab = index
        detail = nil
        filterEditor = nil
        time = view.time
        width = view.cols
        now = view.now
        do { try loadDashboard() } catch { status.showError(error) }
        // Each list keeps its place; the table may be shorter here (the Overview's band, the pane).
        currentList?.scrollIntoView(visible: layout(mainHeight: view.mainHeight).rows)
    }

    /// `/`: filters the queue in view by `words`, or opens the filter's field when there are
    /// none. From a dashboard (Limits, Suppliers) it searches every order, in the Orders tab.
    func startFilter(_ words: [String], on view: ScreenView, status: StatusMessages) throws {
        if tab.scope(for: session.side) == nil, let orders = tabs.firstIndex(of: .orders) {
            switchTab(to: orders, on: view, status: status)
            status.show("Searching every order (Orders tab); \(keys.keyLabel("filter.clear")) clears, \(keys.keyName("tab.next")) goes back to the queues.")
        }
        let queue = try list(for: tab)
        if words.isEmpty {
            filterEditor = LineEditor(queue.filter)
        } else {
            try queue.setFilter(words.joined(separator: " "))
        }
    }

    /// Types into the filter's field; the queue filters as it is typed.
    func typeFilter(_ key: Key) throws {
        guard let editor = filterEditor, editor.edit(key) else { return }
        try loadedCurrentList?.setFilter(editor.text)
    }

    /// Closes the filter's field and clears the filter.
    func cancelFilter() throws {
        filterEditor = nil
        try loadedCurrentList?.setFilter("")
    }

    /// The Orders tab's next sort, said on the status line.
    func cycleSort(status: StatusMessages) throws {
        try orders.cycleSort()
        status.show("Sorted by \(orders.sort.title)")
    }
}
