import TradeGuardCore
import TradeGuardStore

/// Two workspaces side by side for `demo --split`: suppliers on the left, buyers on the right,
/// each its own app on its own connection to the same file, so one party's action appears on
/// the other's screen the way it would between two offices.
final class SplitPanes {
    static let minimum = (rows: 30, cols: 160)

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

    /// Lets each pane notice the other's commits before it is drawn.
    func tick() {
        left.app.tick()
        right.app.tick()
    }

    func compose(rows: Int, cols: Int) -> Canvas {
        var canvas = Canvas(rows: rows, cols: cols)
        for (index, runner) in [left, right].enumerated() {
            runner.app.size = (rows, 80)
            let pane = runner.app.render()
            for r in 0..<min(rows, pane.rows) {
                for c in 0..<min(80, pane.cols) where index * 80 + c < cols {
                    canvas[r, index * 80 + c] = pane[r, c]
                }
            }
            // The acting pane's title bar is the bright one.
            if (index == 0) != activeIsLeft {
                for c in 0..<80 where index * 80 + c < cols { canvas[0, index * 80 + c].role = .tab }
            }
        }
        return canvas
    }
}
