/// Runs a script against the app through the same input path as a person's keys: every step
/// becomes keys queued on the terminal and processed by the real loop's handling.
public final class ScriptRunner {
    public let app: AppModel
    public let terminal: InMemoryTerminal
    public let theme: ResolvedTheme
    /// Snapshots taken by `snapshot NAME`, as screen text.
    public private(set) var snapshots: [String: String] = [:]
    /// Captions shown so far (the walkthrough displays them; tests can check them).
    public private(set) var captions: [String] = []
    /// Rows something else covers (the walkthrough's caption panel): `expect` ignores them, so
    /// it holds only for text a person can see.
    public var coveredRows: (() -> Range<Int>)?
    /// Called after each step with its line (the walkthrough paces and draws captions here).
    public var afterStep: ((Int, ScriptStep) -> Void)?

    public init(app: AppModel, terminal: InMemoryTerminal, theme: ResolvedTheme = .plain) {
        self.app = app
        self.terminal = terminal
        self.theme = theme
        app.size = terminal.size
        terminal.present(app.render(), theme: theme)
    }

    /// Runs every step; an `expect` that fails stops with the file, line and the screen.
    public func run(_ script: Script) throws(ScriptFailure) {
        for (line, step) in script.steps {
            try run(step, line: line, file: script.name)
            afterStep?(line, step)
        }
    }

    public func run(_ step: ScriptStep, line: Int, file: String) throws(ScriptFailure) {
        switch step {
        case let .act(handle): feed(palette: "party.switch \(handle)")
        case let .key(key): feed([key])
        case let .type(text): feed(text.map { Key.character($0) })
        case let .command(text): feed(palette: text)
        case let .caption(text): captions.append(text)
        case .wait: app.tick()
        case let .clockAdvance(step): feed(palette: "clock.advance \(step)")
        case let .expect(text):
            let screen = visibleText
            guard screen.contains(text) else {
                throw ScriptFailure(file: file, line: line, reason: "expected \"\(text)\" on screen", screen: screen)
            }
        case let .snapshot(name): snapshots[name] = terminal.screen.text
        }
        if app.exitStatus != nil { return }
    }

    /// The screen's text without the covered rows.
    var visibleText: String {
        let screen = terminal.screen
        let covered = coveredRows?() ?? 0..<0
        return (0..<screen.rows).map { covered.contains($0) ? "" : screen.line($0) }.joined(separator: "\n")
    }

    private func feed(palette text: String) {
        feed([.character(":")] + text.map { Key.character($0) } + [.enter])
    }

    /// Queues keys and processes them exactly as the loop does, presenting after each.
    private func feed(_ keys: [Key]) {
        for key in keys { terminal.enqueue(key) }
        while let key = terminal.nextKey(timeoutMs: 0) {
            if key == .resize { app.size = terminal.size }
            app.handle(key)
            terminal.present(app.render(), theme: theme)
            if app.exitStatus != nil { return }
            // Scripted keys are deliberate: a question is armed without dropping what follows.
            if app.didPresent() { terminal.present(app.render(), theme: theme) }
            if !terminal.hasPendingInput, app.workAhead() { terminal.present(app.render(), theme: theme) }
        }
    }
}

public struct ScriptFailure: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public let screen: String
    public var description: String { "\(file):\(line): \(reason); the screen was:\n\(screen)" }
}
