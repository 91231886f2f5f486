import TradeGuardCore
import TradeGuardStore

/// The selected order's detail under the queue (`v`), as a mail reader's preview: a title rule
/// naming the order, then the top of the same detail that Enter opens in full.
enum DetailPane {
    /// The title is the code of the order whose detail is shown: between a move and the next
    /// detail read (between keys) that is still the previous order. Without a detail (none
    /// read yet, or out of date after a refresh) the pane names the selected order alone.
    /// `openKey` opens the order (from the registry; looked up only when the pane says so).
    static func draw(_ canvas: inout Canvas, _ detail: OrderDetailModel?, selected: OrderCode?, time: TimeFormat, now: Instant,
                     top: Int, height: Int, openKey: @autoclosure () -> String) {
        guard height > 0 else { return }
        canvas.hline(row: top, col: 0, width: canvas.cols)
        let title = (detail?.code ?? selected).map { " \($0.text) " } ?? " No order selected "
        let end = canvas.put(title, row: top, col: 2, role: .header)
        guard let detail, height > 1 else { return }
        let lines = DetailScreen.lines(detail, time: time, now: now, width: canvas.cols)
        let room = height - 1
        if lines.count > room {
            let more = " \(lines.count - room) more lines: \(openKey()) opens it in full "
            let col = canvas.cols - DisplayWidth.of(more) - 2
            if col > end { canvas.put(more, row: top, col: col, role: .muted) }
        }
        for (i, line) in lines.prefix(room).enumerated() {
            var x = 1
            for (text, role) in line { x = canvas.put(text, row: top + 1 + i, col: x, role: role) }
        }
    }
}
