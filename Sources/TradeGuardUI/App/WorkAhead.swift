import TradeGuardStore

/// The loop's entry point for the moment after a frame is shown, when no key is waiting.
extension AppModel {
    /// Work for the moment after a frame is shown, when no key is waiting (the loop calls
    /// it): reading the queue's next page ahead, as a pager reads ahead, so paging down draws
    /// from memory, the loaded rows' parties, so moving onto a row reads nothing, the
    /// selected order's detail, and what the next tab shows. Errors wait for the key that
    /// needs the rows, which reports them.
    /// Returns true when the screen should be drawn again: the detail pane is open and now has
    /// the selected order's detail.
    @discardableResult
    public func workAhead() -> Bool {
        guard overlay == nil, let w = workspace else { return false }
        return w.workAhead(on: screenView)
    }
}

extension Workspace {
    /// `AppModel.workAhead` for the queue in view (nothing while a detail or the filter's
    /// field covers it). True when the pane now shows the selected order's detail.
    func workAhead(on view: ScreenView) -> Bool {
        guard detail == nil, filterEditor == nil else { return false }
        let layout = layout(mainHeight: view.mainHeight)
        var paneFilled = false
        if let list = currentList {
            // The pane waits for this detail, so it comes first when the pane is open.
            if showsPane, layout.pane != nil, let code = list.selectedRow?.code, paneDetail?.code != code {
                prepareSelectedDetail(list, on: view)
                if let prepared = preparedDetail?.model, prepared.code == code {
                    paneDetail = prepared
                    paneFilled = true
                }
            }
            _ = try? list.readAhead(visible: layout.rows)
            try? list.learnParties()
            if !showsPane { prepareSelectedDetail(list, on: view) }
            readSubjectsAhead(list)
        }
        prepareNextTab()
        return paneFilled
    }

    /// Reads and lays out the selected order's detail, once per selected order, so that
    /// opening it (Enter) shows what is ready: a mail reader fetching the selected message.
    private func prepareSelectedDetail(_ list: OrderListModel, on view: ScreenView) {
        guard let code = list.selectedTarget?.code, preparedDetail?.model.code != code,
              let version = try? store.dataVersion(),
              let model = try? OrderDetailModel(store: store, code: code, viewer: session.actor) else { return }
        _ = DetailScreen.lines(model, time: view.time, now: view.now, width: view.cols)
        preparedDetail = (model, version)
    }
}
