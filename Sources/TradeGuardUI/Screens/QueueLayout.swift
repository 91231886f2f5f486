/// Where a queue's table sits in the main area (between the tab row and the status line):
/// below the Overview's band when the tab has one, above the detail pane when it is open.
/// The one answer for drawing the table and for how many rows a move or a page counts, so
/// the selected row is always one that is drawn.
struct QueueLayout {
    /// The table's header row.
    let top: Int
    /// The table's rows, its header included.
    let height: Int
    /// The detail pane under the table: its title row, then the detail's lines.
    let pane: (top: Int, height: Int)?

    /// The Overview's band of figures: a line and a blank.
    static let bandHeight = 2
    /// A pane shorter than this would show too little of an order to be worth the table's rows.
    static let minimumPaneHeight = 6

    init(mainTop: Int, mainHeight: Int, band: Bool, pane wantsPane: Bool) {
        var top = mainTop
        var height = mainHeight
        if band {
            top += Self.bandHeight
            height = max(1, height - Self.bandHeight)
        }
        // The pane takes the lower half, and only while the table keeps a few rows of its own.
        let paneHeight = height / 2
        if wantsPane, paneHeight >= Self.minimumPaneHeight, height - paneHeight >= 4 {
            pane = (top + height - paneHeight, paneHeight)
            height -= paneHeight
        } else {
            pane = nil
        }
        self.top = top
        self.height = height
    }

    /// Rows of orders the table shows (below its header).
    var rows: Int { max(1, height - 1) }
}
