/// What the walkthrough draws: the app (or both panes) with the caption panel over it, the
/// panel just above the status line so the step's message stays readable (issue 20).
extension DemoPlayer {
    /// The app's frame (or both panes) with the caption panel over its lower rows.
    func frame() -> Canvas {
        var canvas: Canvas
        if let panes {
            let size = terminal.size
            guard size.rows >= SplitPanes.minimum.rows, size.cols >= SplitPanes.minimum.cols else {
                canvas = Canvas(rows: size.rows, cols: size.cols)
                let message = "demo --split needs \(SplitPanes.minimum.cols)×\(SplitPanes.minimum.rows) (this terminal is \(size.cols)×\(size.rows)); q quits"
                canvas.put(message, row: size.rows / 2, col: max(0, (size.cols - DisplayWidth.of(message)) / 2), role: .statusWarn)
                return canvas
            }
            canvas = panes.compose(rows: size.rows, cols: size.cols, paneRows: Self.paneRows, showLeft: takenOver ? nil : showLeft)
            if takenOver {
                // Below the panes, so neither pane's own hint bar is written over.
                let key = registry.command(named: "walk.switchSide")?.keyLabel ?? "C-o"
                canvas.put(" \(key) switches between the seller's and the buyer's screen (now the \(panes.activeIsLeft ? "seller's" : "buyer's"))",
                           row: Self.paneRows, col: 0, role: .hintText, width: size.cols)
                return canvas
            }
        } else {
            canvas = app.render()
        }
        guard !takenOver, canvas.rows >= AppModel.minimumSize.rows, canvas.cols >= AppModel.minimumSize.cols else { return canvas }
        let covered = panes == nil ? Self.captionRows(rows: app.size.rows, messageTop: app.messageTop) : (canvas.rows - Self.captionHeight)..<(canvas.rows - 1)
        let top = covered.lowerBound
        canvas.fill(row: top, col: 0, height: covered.count, width: canvas.cols, role: .caption)
        let total = walkthrough.steps.count
        let title: String
        var text: String
        if done == 0 {
            title = "Walkthrough: \(walkthrough.name)"
            text = "\(total) steps on a fresh demo database. Space or Right starts; the screen above is the real app."
        } else {
            let step = walkthrough.steps[done - 1]
            title = "Step \(done)/\(total): \(step.title)"
            text = step.text
        }
        if done == total { text += " That is the end: t takes over the app, q quits." }
        canvas.put(" " + title, row: top, col: 0, role: .caption, width: canvas.cols)
        for (i, line) in Wrap.lines(notice ?? problem ?? text, width: canvas.cols - 4).prefix(covered.count - 1).enumerated() {
            canvas.put("  " + line, row: top + 1 + i, col: 0, role: problem == nil ? .caption : .statusDanger, width: canvas.cols)
        }
        // Over the app's own hint bar: cleared first, or its tail would show after ours.
        canvas.fill(row: canvas.rows - 1, col: 0, height: 1, width: canvas.cols, role: .hintText)
        let onScreen = panes?.active.app ?? app
        let hints = registry.visible(in: .walkthrough).compactMap { command in command.hint(now: onScreen).map { "\(command.keyLabel) \($0)" } }
        canvas.put(" " + hints.joined(separator: "  "), row: canvas.rows - 1, col: 0, role: .hintText, width: canvas.cols)
        canvas.cursor = nil
        return canvas
    }
}
