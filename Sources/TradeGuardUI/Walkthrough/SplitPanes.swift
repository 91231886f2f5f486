import TradeGuardCore
import TradeGuardStore

/// Two workspaces side by side for `demo --split`: suppliers on the left, buyers on the right,
/// each its own app on its own connection to the same file, so one party's action appears on
/// the other's screen the way it would between two offices.
final class SplitPanes {
    /// One pane at a time fits 80 columns (C-o shows the other); side by side takes two panes
    /// and a gutter, so the tab rows do not run together.
    static let minimum = (rows: 30, cols: 80)
    static let paneWidth = 80
    static let sideBySide = 2 * paneWidth + 1

    private(set) var left: ScriptRunner
    private(set) var right: ScriptRunner
    /// Which pane acts: the walkthrough's `as` picks it; C-o switches after taking over.
    var activeIsLeft = true

    init(left: AppModel, right: AppModel, rows: Int, theme: ResolvedTheme) {
        self.left = ScriptRunner(app: left, terminal: InMemoryTerminal(rows: rows, cols: 80), theme: theme)
        self.right = ScriptRunner(app: right, terminal: InMemoryTerminal(rows: rows, cols: 80), theme: theme)
    }

    var active: ScriptRunner { activeIsLeft ? left : right }

    /// The runner a step goes to: `as` a supplier picks the left pane, `as` a buyer the right
    /// (switching that pane's party when it is someone else); other steps go to the active pane.
    func route(_ step: ScriptStep) -> ScriptRunner {
        guard case let .act(name) = step, let handle = try? Handle(name),
              let kind = try? active.app.store.party(handle).party.kind else { return active }
        activeIsLeft = kind == .supplier
        return active
    }

    /// Runs step `index` in the panes, each step showing only its own messages (as one pane does).
    func perform(_ walkthrough: Walkthrough, _ index: Int) throws(ScriptFailure) {
        left.app.toast = nil
        right.app.toast = nil
        try walkthrough.perform(index) { route($0) }
    }

    /// Lets each pane notice the other's commits before it is drawn.
    func tick() {
        left.app.tick()
        right.app.tick()
    }

    /// Both panes with a gutter when the terminal is wide enough, else only the one `showLeft`
    /// picks (the acting one unless the trainer pressed C-o to look at the other).
    func compose(rows: Int, cols: Int, paneRows: Int, showLeft: Bool? = nil) -> Canvas {
        var canvas = Canvas(rows: rows, cols: cols)
        let width = Self.paneWidth
        let shown: [(runner: ScriptRunner, isLeft: Bool, col: Int)] = cols >= Self.sideBySide
            ? [(left, true, 0), (right, false, width + 1)]
            : [((showLeft ?? activeIsLeft) ? left : right, showLeft ?? activeIsLeft, 0)]
        for (runner, isLeft, col) in shown {
            runner.app.size = (paneRows, width)
            let pane = runner.app.render()
            for r in 0..<min(rows, pane.rows) {
                for c in 0..<min(width, pane.cols) { canvas[r, col + c] = pane[r, c] }
            }
            // The acting pane's title bar is the bright one.
            if shown.count == 2, isLeft != activeIsLeft {
                for c in 0..<width { canvas[0, col + c].role = .tab }
            }
        }
        if shown.count == 2 {
            for r in 0..<min(rows, paneRows) { canvas.put("│", row: r, col: width, role: .border) }
        }
        return canvas
    }
}
