/// A walkthrough: a script cut into steps at its captions. Each step is the actions since the
/// previous caption, then the caption that explains them ("Title | two or three sentences").
public struct Walkthrough: Sendable {
    public struct Step: Sendable {
        public let title: String
        public let text: String
        let actions: [(line: Int, step: ScriptStep)]
    }

    public let name: String
    public let steps: [Step]

    public init(_ script: Script) throws(ScriptError) {
        var steps: [Step] = []
        var pending: [(Int, ScriptStep)] = []
        for (line, step) in script.steps {
            if case let .caption(text) = step {
                let parts = text.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                steps.append(Step(title: parts[0], text: parts.count > 1 ? parts[1] : "", actions: pending))
                pending = []
            } else {
                pending.append((line, step))
            }
        }
        guard !steps.isEmpty else { throw ScriptError(file: script.name, line: 1, reason: "a walkthrough needs at least one caption") }
        if let (line, _) = pending.first {
            throw ScriptError(file: script.name, line: line, reason: "steps after the last caption would never be shown; end with a caption")
        }
        name = script.name
        self.steps = steps
    }

    /// Runs step `index`'s actions through `runner` (the same key path as a person's). The
    /// message of the step before goes first: a step shows only its own (forward, redone or checked alike).
    func perform(_ index: Int, with runner: ScriptRunner) throws(ScriptFailure) {
        runner.app.toast = nil
        try perform(index) { _ in runner }
    }

    /// Runs step `index`'s actions, each through the runner `route` picks (split screens keep a
    /// runner per pane and route by the party a step acts as).
    func perform(_ index: Int, route: (ScriptStep) -> ScriptRunner) throws(ScriptFailure) {
        for (line, step) in steps[index].actions { try route(step).run(step, line: line, file: name) }
    }
}

/// The walkthroughs built into the binary. Each equals its file in Walkthrough/scripts (a test
/// checks), so a copied binary still has them.
public enum BuiltInWalkthroughs {
    public static let all: [(name: String, summary: String, text: String)] = [
        ("basics", "Credit protection from activation to a closed order, in both roles, with deadlines", basics),
        ("buyer-first", "The buyer drafts the contract and the supplier confirms it", buyerFirst),
        ("disputes", "A quality dispute from the buyer's claim to an agreed refund, negotiated in both roles", disputes),
    ]

    public static func named(_ name: String) -> String? { all.first { $0.name == name }?.text }
}
