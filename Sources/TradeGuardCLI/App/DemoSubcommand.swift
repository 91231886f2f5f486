import Foundation
import TradeGuardCore
import TradeGuardStore
import TradeGuardTerminal
import TradeGuardUI

/// `tradeguard demo`: a guided walkthrough on a throw-away demo database.
enum DemoSubcommand {
    static var subcommand: Subcommand {
        Subcommand(name: "demo", synopsis: "demo [--list] [--check NAME|FILE] [--script NAME|FILE] [--split] [--delay SECONDS] [--keep]",
                   summary: "Play a guided walkthrough of credit protection on a fresh demo database.",
                   details: """
                   The database is made in a temporary folder and removed on exit (--keep keeps it; --db PATH uses
                   that file instead, which must not exist yet). The demo history is built once a day and kept in
                   $XDG_CACHE_HOME/tradeguard/demo (else ~/.cache/tradeguard/demo), then copied. Keys: Space or Right
                   next step, Left back (replays on a fresh copy), p play/pause (--delay seconds per step, default 4), t take over, q quit.
                   --split shows the seller's and the buyer's workspaces side by side (161x30: two 80-column panes and a
                   gutter), so one party's action appears on the other's screen; a narrower terminal (at least 80x30)
                   shows one at a time and C-o shows the other. After taking over, C-o switches which one you act in.
                   --script NAME plays a built-in walkthrough (--list shows them: basics, the default; buyer-first; disputes,
                   a quality dispute from claim to refund); --script FILE plays a trainer's own script (the format is in
                   README.md, "Training: tradeguard demo"; the built-in ones are in Sources/TradeGuardUI/Walkthrough/scripts);
                   a mistake in it is reported with file, line and reason before anything starts.
                   --check NAME|FILE runs a script headless on a fresh demo database (at 80x24, the caption panel's rows
                   left out) and reports the first expect that does not hold as file:line: reason (exit 1), or
                   "FILE: N steps, all expectations hold" (exit 0); a mistake in the script exits 2. With --split it
                   checks the script as --split plays it: the seller's and the buyer's panes, each step's as picking one.
                   """,
                   valueOptions: ["script", "delay", "check"], flagOptions: ["list", "keep", "split"]) { invocation in
            try run(invocation)
        }
    }

    static func run(_ invocation: Invocation) throws -> Int32 {
        let arguments = invocation.arguments
        if arguments.has("list") {
            for walkthrough in BuiltInWalkthroughs.all { invocation.output.line("\(walkthrough.name)  \(walkthrough.summary)") }
            return 0
        }
        if let checked = arguments.value("check") { return try DemoCheck.run(checked, invocation: invocation) }
        let delay = try arguments.value("delay").map { text throws(CLIError) -> Double in
            guard let seconds = Double(text), seconds >= 0.2, seconds <= 60 else { throw .usage("--delay takes seconds from 0.2 to 60.") }
            return seconds
        } ?? 4

        // The script is checked completely before anything starts.
        let name = arguments.value("script") ?? "basics"
        let (text, file) = try DemoCheck.scriptSource(name)
        let walkthrough: Walkthrough
        do { walkthrough = try Walkthrough(try Script.parse(text, name: file)) } catch {
            throw CLIError.failed("\(error)")
        }
        do { try NCursesTerminal.check() } catch {
            throw CLIError.usage("\(error)")
        }

        // A throw-away folder, unless --db names the file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tradeguard-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let explicit = arguments.value("db")
        if let explicit, FileFacts.exists(explicit) {
            throw CLIError.failed("\(explicit) already exists; the walkthrough needs a new file (or leave out --db).")
        }
        var generation = 0
        var current: String?
        var made: [String] = []
        let started = Date()
        // The demo history is built once per binary and day, then copied (DemoTemplate).
        let template = try DemoTemplate.ensure(now: SystemTimeSource().now(), environment: invocation.environment) {
            invocation.output.error("tradeguard: preparing the demo database (once a day) …")
        }
        // Each call makes a fresh database, a copy of the template: the one on screen, and the one
        // a step back is being made ready on (so the two newest are kept; --db has only one).
        let makeApp = { () throws -> AppModel in
            generation += 1
            let path = explicit ?? folder.appendingPathComponent("demo-\(generation).sqlite").path
            if explicit != nil, let previous = current { DatabaseLocation.removeDatabase(at: previous) }
            made.append(path)
            while explicit == nil, made.count > 2 { DatabaseLocation.removeDatabase(at: made.removeFirst()) }
            try DemoTemplate.copy(template, to: path)
            // Live payment-link tokens come from the system generator.
            let store = try Store(path: path, create: false, random: .system())
            current = path
            return try AppModel(store: store, as: nil, uptime: { Date().timeIntervalSince(started) })
        }
        // --split: the same fresh database seen through two connections, seller and buyer.
        let makeSplit = { () throws -> (AppModel, AppModel) in
            let seller = try makeApp()
            guard let path = current else { throw CLIError.failed("internal error: no demo database") }
            let second = try Store(path: path, create: false, random: .system())
            let buyer = try AppModel(store: second, as: DemoCast.defaultBuyer, uptime: { Date().timeIntervalSince(started) })
            try seller.runLine("party.switch \(DemoCast.defaultSeller)")
            return (seller, buyer)
        }
        let selection = ThemeCatalog.live().choose(flag: nil, configured: nil)
        let terminal: NCursesTerminal
        do { terminal = try NCursesTerminal.open() } catch { throw CLIError.usage("\(error)") }
        let status: Int32
        var kept: String?
        do {
            // `bench --demo` times keys and frames through this; a no-op otherwise.
            let device = BenchReporter.wrap(terminal, environment: invocation.environment)
            let player = try DemoPlayer(walkthrough: walkthrough, terminal: device, theme: selection.resolve(depth: terminal.colorDepth),
                                        delaySeconds: delay, makeApp: makeApp, makeSplit: arguments.has("split") ? makeSplit : nil,
                                        prepareStepBack: explicit == nil)
            status = player.run()
            kept = player.databasePath
        } catch {
            terminal.close()
            throw CLIError.failed("\(error)")
        }
        terminal.close()
        if arguments.has("keep") || explicit != nil {
            invocation.output.line("The walkthrough's database is kept at \(kept ?? current ?? "-").")
        } else {
            try? FileManager.default.removeItem(at: folder)
        }
        return status
    }
}
