/// A message too long for the status line, or a list of problems, shown whole in a box that
/// scrolls. Closing it returns to what was open before (a form keeps its text).
final class MessageModel {
    let title: String
    let items: [String]
    /// The overlay to go back to when the message is closed.
    let returnTo: AppModel.Overlay?
    var top = 0

    init(title: String, items: [String], returnTo: AppModel.Overlay?) {
        self.title = title
        self.items = items
        self.returnTo = returnTo
    }

    /// The items wrapped to `width`, each starting with a bullet when there are several.
    func lines(width: Int) -> [String] {
        let bullet = items.count > 1
        return items.flatMap { item -> [String] in
            let wrapped = TextWrap.lines(item, width: width - (bullet ? 2 : 0))
            return wrapped.enumerated().map { bullet ? ($0.offset == 0 ? "• " : "  ") + $0.element : $0.element }
        }
    }

    func scroll(by delta: Int, visible: Int, total: Int) {
        top = max(0, min(top + delta, max(0, total - visible)))
    }

    /// Scrolls by `delta(visible)` lines, `visible` being how many its box shows on a screen
    /// `rows` × `cols`.
    func scroll(by delta: (Int) -> Int, rows: Int, cols: Int) {
        let total = lines(width: MessageScreen.textWidth(cols: cols)).count
        let visible = MessageScreen.box(rows: rows, cols: cols, lines: total).visible
        scroll(by: delta(visible), visible: visible, total: total)
    }
}

enum MessageScreen {
    /// The box's size for a screen: wide enough to read, tall enough for the lines or the screen.
    static func box(rows: Int, cols: Int, lines: Int) -> (top: Int, left: Int, width: Int, height: Int, visible: Int) {
        let width = min(cols - 4, 76)
        let visible = max(1, min(lines, rows - 8))
        let height = visible + 4
        return (max(1, (rows - height) / 2), (cols - width) / 2, width, height, visible)
    }

    /// The width the message's text is wrapped to on a screen `cols` wide.
    static func textWidth(cols: Int) -> Int { min(cols - 4, 76) - 2 }

    /// `keys`: the message context's keys in a line, from the registry.
    static func draw(_ canvas: inout Canvas, _ message: MessageModel, keys: String) {
        let lines = message.lines(width: textWidth(cols: canvas.cols))
        let probe = box(rows: canvas.rows, cols: canvas.cols, lines: lines.count)
        // Never past the last page (the terminal may have grown); the model is not changed here.
        let top = min(message.top, max(0, lines.count - probe.visible))
        canvas.fill(row: probe.top, col: probe.left, height: probe.height, width: probe.width, role: .dialog)
        canvas.put(" " + message.title, row: probe.top, col: probe.left, role: .header, width: probe.width)
        for (i, line) in lines.dropFirst(top).prefix(probe.visible).enumerated() {
            canvas.put(" " + line, row: probe.top + 2 + i, col: probe.left, role: .dialog, width: probe.width)
        }
        let more = lines.count > probe.visible
            ? "lines \(top + 1)-\(min(lines.count, top + probe.visible)) of \(lines.count) · "
            : ""
        canvas.put(" " + more + keys, row: probe.top + probe.height - 1, col: probe.left, role: .muted, width: probe.width)
    }
}
