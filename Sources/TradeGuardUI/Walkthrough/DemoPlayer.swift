#if canImport(Glibc)
import Glibc
#endif

/// Plays a walkthrough on a real terminal: the app as usual, with a caption panel at the bottom.
/// Space or Right runs the next step; Left replays from the start on a fresh database (a copy of
/// a template, so it costs the steps, not the demo history) to the previous step; p plays and
/// pauses; t hands the keyboard over; q quits.
public final class DemoPlayer {
    let walkthrough: Walkthrough
    /// A fresh app on a fresh demo database (called again for every step back).
    let makeApp: () throws -> AppModel
    let terminal: TerminalDevice
    let theme: ResolvedTheme
    let delayMs: Int
    /// For `--split`: a fresh pair of apps (seller side, buyer side) on one fresh database.
    let makeSplit: (() throws -> (AppModel, AppModel))?
    private(set) var app: AppModel
    private var runner: ScriptRunner
    private(set) var panes: SplitPanes?
    /// Which pane a narrow `--split` shows when the trainer pressed C-o (nil: the acting one).
    private(set) var showLeft: Bool?
    private(set) var done = 0
    private(set) var playing = false
    private(set) var takenOver = false
    private(set) var problem: String?
    /// "Preparing …", shown in the caption while something expected to take over 100 ms runs.
    private(set) var notice: String?
    /// Monotonic seconds (injected: tests make work look slow).
    let clock: () -> Double
    /// What making a fresh app (or pair) took, and each step forward: what a step back will cost.
    private var setupSeconds = 0.0
    private var stepSeconds: [Int: Double] = [:]
    /// Seconds per scripted action so far: a first step forward is estimated by its length.
    private var actionSeconds = (seconds: 0.0, actions: 0)
    /// The world one step back, being made ready between keys (nil when off or not begun).
    private var prepared: PreparedStepBack?
    /// Whether to prepare step backs ahead (each needs a database of its own from `makeApp`).
    private var prepareAhead: Bool
    /// The player's keys (Commands/WalkthroughCommands.swift).
    private(set) lazy var registry = CommandRegistry(WalkthroughCommands.all(for: self))
    /// Set by a command that ends the walkthrough: the exit status.
    var quitStatus: Int32?

    public init(walkthrough: Walkthrough, terminal: TerminalDevice, theme: ResolvedTheme, delaySeconds: Double,
                makeApp: @escaping () throws -> AppModel, makeSplit: (() throws -> (AppModel, AppModel))? = nil,
                clock: @escaping () -> Double = DemoPlayer.monotonicSeconds, prepareStepBack: Bool = true) throws {
        self.walkthrough = walkthrough
        self.clock = clock
        prepareAhead = prepareStepBack
        let began = clock()
        self.makeApp = makeApp
        self.makeSplit = makeSplit
        self.terminal = terminal
        self.theme = theme
        delayMs = Int(delaySeconds * 1000)
        app = try makeApp()
        runner = Self.runner(app, rows: terminal.size.rows, cols: terminal.size.cols, theme: theme)
        if let makeSplit { panes = try Self.panes(makeSplit, theme: theme) }
        setupSeconds = clock() - began
    }

    public static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Shows the "preparing" line first when the work about to run is expected to take longer
    /// than a person notices (100 ms), by what the same work took before.
    private func announce(_ text: String, expected: Double) {
        guard expected > 0.1 else { return }
        notice = text
        terminal.present(frame(), theme: theme)
    }

    private static func panes(_ make: () throws -> (AppModel, AppModel), theme: ResolvedTheme) throws -> SplitPanes {
        let (seller, buyer) = try make()
        return SplitPanes(left: seller, right: buyer, rows: paneRows, theme: theme)
    }

    static let captionHeight = 6
    /// A `--split` pane's height: the caption panel goes below the panes.
    static let paneRows = SplitPanes.minimum.rows - captionHeight

    /// The rows the caption panel covers over `app`'s last frame: just above its status message
    /// (however many rows a long one takes), so the message a step leaves stays in view (issue 20).
    static func captionRows(rows: Int, messageTop: Int?) -> Range<Int> {
        let bottom = max(2 + captionHeight - 1, min(rows - 2, messageTop ?? rows - 2))
        return (bottom - captionHeight + 1)..<bottom
    }

    /// A runner for the single-pane player: `expect` sees only what the caption leaves in view.
    static func runner(_ app: AppModel, rows: Int, cols: Int, theme: ResolvedTheme) -> ScriptRunner {
        let runner = ScriptRunner(app: app, terminal: InMemoryTerminal(rows: rows, cols: cols), theme: theme)
        runner.coveredRows = { captionRows(rows: app.size.rows, messageTop: app.messageTop) }
        // The app lays its main area out above the panel (a one-row message leaves it there).
        app.bottomInset = captionRows(rows: rows, messageTop: nil).count
        return runner
    }

    /// Every app on screen: one, or the seller's and the buyer's.
    private var apps: [AppModel] { panes.map { [$0.left.app, $0.right.app] } ?? [app] }

    public func run() -> Int32 {
        while true {
            if panes == nil { app.size = terminal.size }
            terminal.present(frame(), theme: theme)
            // After take-over a person's keys reach the app: a question they see is armed now.
            if takenOver, (panes?.active.app ?? app).didPresent() { terminal.present(frame(), theme: theme) }
            if let signal = terminal.pendingSignal { return 128 + signal }
            if let status = (panes?.active.app ?? app).exitStatus { return status }
            // While a step back is being made ready, keys are looked for between its steps.
            guard let key = terminal.nextKey(timeoutMs: playing ? delayMs : (preparing ? 0 : AppRunner.tickMs)) else {
                if playing { advance() } else if preparing { prepareNext() } else if let panes { panes.tick() } else { app.tick() }
                continue
            }
            if let command = registry.command(for: key, in: takenOver ? .takenOver : .walkthrough) {
                try? command.run(panes?.active.app ?? app, key: key, arguments: [])
            }
            if let status = quitStatus { return status }
        }
    }

    // MARK: What its commands do

    func stepForward() {
        playing = false
        advance()
    }

    func stepBackward() {
        playing = false
        stepBack()
    }

    func togglePlaying() { playing.toggle() }

    /// True when a narrow `--split` shows one pane at a time.
    var showsOnePane: Bool { panes != nil && terminal.size.cols < SplitPanes.sideBySide }

    func lookAtOtherPane() {
        if let panes { showLeft = !(showLeft ?? panes.activeIsLeft) }
    }

    /// Hands the keyboard to the app (both apps of a split): the caption panel goes.
    func takeOver() {
        takenOver = true
        for taking in apps {
            taking.releaseToast()
            taking.bottomInset = 0   // the panel is gone: the whole screen is the app's again
            AppRunner.connect(taking, to: terminal, followResize: false)
        }
    }

    /// After take-over: the other side's screen, or, with one app, `key` goes to it.
    func switchSide(or key: Key) {
        guard let panes else { return passToApp(key) }
        panes.activeIsLeft.toggle()
        showLeft = nil
        panes.tick()
    }

    /// The terminal changed size: the app's screen follows it (`walk.resize`).
    func resized() {
        runner.terminal.resize(rows: terminal.size.rows, cols: terminal.size.cols)
    }

    func passToApp(_ key: Key) {
        if let panes {
            panes.active.app.handle(key)
            panes.tick()
        } else {
            app.handle(key)
        }
    }

    private func advance() {
        guard done < walkthrough.steps.count else { playing = false; return }
        let length = walkthrough.steps[done].actions.count
        let perAction = actionSeconds.actions > 0 ? actionSeconds.seconds / Double(actionSeconds.actions) : 0
        announce("Preparing step \(done + 1) …", expected: stepSeconds[done] ?? perAction * Double(length))
        defer { notice = nil }
        let began = clock()
        showLeft = nil
        // This step's last message stays while it is shown (the step before's goes as it begins).
        defer { for shown in apps { shown.holdToast() } }
        do {
            // Scripted steps act on a throw-away demo database, for nobody's money: no fsync per
            // commit (step 12's ten checklist ticks were ten fsyncs, over the 50 ms a step may
            // take). Taken over, a person's actions commit as usual.
            if let panes {
                try panes.left.app.store.withoutPerCommitSync {
                    try panes.right.app.store.withoutPerCommitSync { try panes.perform(walkthrough, done) }
                }
                panes.tick()
            } else {
                try app.store.withoutPerCommitSync { try walkthrough.perform(done, with: runner) }
            }
            stepSeconds[done] = clock() - began
            actionSeconds = (actionSeconds.seconds + stepSeconds[done]!, actionSeconds.actions + length)
            done += 1
            problem = nil
        } catch {
            playing = false
            problem = "\(error)".split(separator: "\n").first.map(String.init)
        }
    }

    /// The file of the database on screen (the one `--keep` keeps).
    public var databasePath: String { (panes?.left.app ?? app).store.path }

    /// Whether the step back is not ready yet and may be worked on now.
    private var preparing: Bool {
        guard prepareAhead, !takenOver, !playing, done > 0 else { return false }
        return prepared.map { $0.done != done - 1 } ?? true
    }

    /// One piece of making the step back ready: a fresh start, or one step redone.
    private func prepareNext() {
        let target = done - 1
        do {
            if let ready = prepared, ready.done > target { prepared = nil }
            guard let ready = prepared else {
                if let makeSplit {
                    prepared = PreparedStepBack(panes: try Self.panes(makeSplit, theme: theme))
                } else {
                    let size = terminal.size
                    prepared = PreparedStepBack(runner: Self.runner(try makeApp(), rows: size.rows, cols: size.cols, theme: theme))
                }
                return
            }
            try ready.redoNext(walkthrough)
        } catch {
            // Not ready ahead, then: Left redoes the steps itself, as it can.
            prepared = nil
            prepareAhead = false
        }
    }

    private func stepBack() {
        guard done > 0 else { return }
        let target = done - 1
        showLeft = nil
        if let ready = prepared, ready.done == target {
            prepared = nil
            if let ready = ready.panes {
                panes = ready
                ready.tick()
            } else if let runner = ready.runner {
                runner.terminal.resize(rows: terminal.size.rows, cols: terminal.size.cols)
                self.runner = runner
                app = runner.app
            }
            done = target
            problem = nil
            for shown in apps { shown.holdToast() }
            return
        }
        prepared = nil
        announce("Preparing step \(target) …", expected: setupSeconds + (0..<target).reduce(0) { $0 + (stepSeconds[$1] ?? 0) })
        defer { notice = nil; for shown in apps { shown.holdToast() } }
        let began = clock()
        do {
            // The steps being redone were shown already: no fsync per commit while replaying.
            if let makeSplit {
                let fresh = try Self.panes(makeSplit, theme: theme)
                setupSeconds = clock() - began
                panes = fresh
                done = 0
                try fresh.left.app.store.withoutPerCommitSync {
                    try fresh.right.app.store.withoutPerCommitSync {
                        while done < target { try fresh.perform(walkthrough, done); done += 1 }
                    }
                }
                fresh.tick()
                return
            }
            app = try makeApp()
            setupSeconds = clock() - began
            runner = Self.runner(app, rows: terminal.size.rows, cols: terminal.size.cols, theme: theme)
            done = 0
            try app.store.withoutPerCommitSync {
                while done < target { try walkthrough.perform(done, with: runner); done += 1 }
            }
        } catch {
            problem = "\(error)".split(separator: "\n").first.map(String.init)
        }
    }
}
