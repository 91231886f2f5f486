/// `demo --check` (issue 20 item 5): plays a walkthrough headless, step by step as the player
/// shows it (the caption panel's rows hidden, each step's last message kept), so a trainer learns
/// which `expect` does not hold without sitting through the walkthrough. The built-in
/// walkthroughs pass through the same check in the tests, which keeps every caption's claim true.
public enum ScriptCheck {
    /// The terminal checked by default: the smallest the app runs in, where least is in view.
    public static let size = (rows: 24, cols: 80)

    /// Runs every step on `app`; the number of steps, or the first `expect` that does not hold.
    public static func run(_ walkthrough: Walkthrough, on app: AppModel, rows: Int = size.rows, cols: Int = size.cols) throws(ScriptFailure) -> Int {
        let runner = DemoPlayer.runner(app, rows: rows, cols: cols, theme: .plain)
        for index in walkthrough.steps.indices { try walkthrough.perform(index, with: runner) }
        return walkthrough.steps.count
    }

    /// The same check as `demo --split` plays it: the seller's pane and the buyer's, each 80
    /// columns by the split player's pane height, every step's `as` routing its keys and its
    /// `expect` lines to one pane, and each pane noticing the other's commits after a step.
    public static func runSplit(_ walkthrough: Walkthrough, seller: AppModel, buyer: AppModel) throws(ScriptFailure) -> Int {
        let panes = SplitPanes(left: seller, right: buyer, rows: DemoPlayer.paneRows, theme: .plain)
        for index in walkthrough.steps.indices {
            try panes.perform(walkthrough, index)
            panes.tick()
        }
        return walkthrough.steps.count
    }

    /// A split pane's size, for messages.
    public static var paneSize: (rows: Int, cols: Int) { (DemoPlayer.paneRows, SplitPanes.paneWidth) }
}
