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
}
