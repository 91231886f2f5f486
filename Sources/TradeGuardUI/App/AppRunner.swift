/// The loop: frame → present → key (or a tick while waiting) → model. The same loop runs on the
/// real terminal and on the in-memory one, so tests exercise exactly what people use.
public enum AppRunner {
    /// How long the loop waits for a key before ticking (polling other processes' commits and
    /// expiring toasts): about twice a second, per DESIGN §4.
    public static let tickMs = 400

    /// Runs until the model asks to quit or a signal arrives; returns the exit status.
    public static func run(_ app: AppModel, on terminal: TerminalDevice, theme: ResolvedTheme) -> Int32 {
        app.size = terminal.size
        connect(app, to: terminal)
        terminal.present(app.render(), theme: app.chosenTheme ?? theme)
        while true {
            if let signal = terminal.pendingSignal { return 128 + signal }
            if let status = app.exitStatus { return status }
            if let key = terminal.nextKey(timeoutMs: tickMs) {
                if key == .resize { app.size = terminal.size }
                app.handle(key)
            } else {
                app.tick()
            }
            if let status = app.exitStatus { return status }
            terminal.present(app.render(), theme: app.chosenTheme ?? theme)
            if app.didPresent() { terminal.present(app.render(), theme: app.chosenTheme ?? theme) }
            // Work between keys; the detail pane it fills is shown at once, not at the next tick.
            if !terminal.hasPendingInput, app.workAhead() { terminal.present(app.render(), theme: app.chosenTheme ?? theme) }
        }
    }
}

extension AppRunner {
    /// Gives `app` what it asks of the terminal between frames: whether a key waits, the keys
    /// already waiting (dropped when a question appears), and a burst following a key.
    /// `followResize: false` where the loop sizes the app itself (the walkthrough's panes).
    public static func connect(_ app: AppModel, to terminal: TerminalDevice, followResize: Bool = true) {
        app.keyWaiting = { [unowned terminal] in terminal.hasPendingInput }
        // A resize among the taken keys still resizes: only the size is wanted from it.
        app.takeWaitingKeys = { [unowned terminal, unowned app] in
            var keys: [Key] = []
            while keys.count < 100_000, let key = terminal.nextKey(timeoutMs: 0) {
                if key == .resize && followResize { app.size = terminal.size }
                keys.append(key)
            }
            return keys
        }
        app.takeBurst = { [unowned terminal, unowned app] in
            var keys: [Key] = []
            while keys.count < 100_000, let key = terminal.nextKey(timeoutMs: burstGapMs) {
                if key == .resize && followResize { app.size = terminal.size }
                keys.append(key)
            }
            return keys
        }
    }

    /// Keys closer together than this came from a program (a paste), not from fingers.
    static let burstGapMs = 1
}

/// A terminal that lives in memory: keys come from a queue, frames are kept as canvases. Tests
/// and scripts read the screen as text (and roles) exactly as a person would see it.
public final class InMemoryTerminal: TerminalDevice {
    public var size: (rows: Int, cols: Int)
    public var colorDepth: ColorDepth = .twoFiftySix
    public var pendingSignal: Int32?
    public private(set) var screen: Canvas
    public private(set) var frames = 0
    private var keys: [Key] = []

    public init(rows: Int, cols: Int) {
        size = (rows, cols)
        screen = Canvas(rows: rows, cols: cols)
    }

    public func present(_ canvas: Canvas, theme: ResolvedTheme) {
        screen = canvas
        frames += 1
    }

    public func nextKey(timeoutMs: Int) -> Key? { keys.isEmpty ? nil : keys.removeFirst() }

    public var hasPendingInput: Bool { !keys.isEmpty }

    public func enqueue(_ key: Key) { keys.append(key) }

    /// Changes the size, as a terminal window resize does (a resize key follows).
    public func resize(rows: Int, cols: Int) {
        size = (rows, cols)
        keys.append(.resize)
    }

    public var pendingKeys: Int { keys.count }
}
