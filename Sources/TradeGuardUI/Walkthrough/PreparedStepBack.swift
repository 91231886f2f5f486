/// The walkthrough as it stood one step back, made ready between keys so that Left is instant
/// (issue 20): a fresh app (or seller and buyer pair) on a copy of the demo template, with the
/// steps before it redone one at a time while the trainer reads the caption. Redone steps were
/// shown already, so they commit without an fsync each.
final class PreparedStepBack {
    let runner: ScriptRunner?
    let panes: SplitPanes?
    /// Steps redone so far.
    private(set) var done = 0

    init(runner: ScriptRunner) {
        self.runner = runner
        panes = nil
    }

    init(panes: SplitPanes) {
        self.panes = panes
        runner = nil
    }

    /// Redoes the next step.
    func redoNext(_ walkthrough: Walkthrough) throws {
        if let panes {
            try panes.left.app.store.withoutPerCommitSync {
                try panes.right.app.store.withoutPerCommitSync {
                    try panes.perform(walkthrough, done)
                }
            }
        } else if let runner {
            try runner.app.store.withoutPerCommitSync { try walkthrough.perform(done, with: runner) }
        }
        done += 1
    }
}
