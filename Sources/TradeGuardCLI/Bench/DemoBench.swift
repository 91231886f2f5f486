import Foundation
import TradeGuardCore
import TradeGuardStore
import TradeGuardUI
#if canImport(Glibc)
import Glibc
#endif

/// `tradeguard bench --demo` (issue 20): what a trainer feels, in one run through the real
/// binary on a pseudo-terminal, beside the plain app's first frame on the same demo database —
/// `init`'s wall time (and the CPU it used), the demo's first screen, and step forward and step
/// back at the app (key taken → frame handed over). Budgets: DESIGN §7 and issue 20.
enum DemoBench {
    static let initBudgetSeconds = 0.5
    static let firstScreenRatio = 3.0
    static let stepBudgetMs = 50.0
    /// Times round the built-in walkthrough: forward through every step, then back to the start.
    static let rounds = 2
    /// Between a step and the next key (`--pause`): a trainer reads the caption meanwhile, and
    /// the player makes the step back ready (PreparedStepBack) in that time.
    static let readingPauseSeconds = 1.0

    static func run(_ inv: Invocation, binary: String, runs: Int, rows: Int, cols: Int) throws -> Int32 {
        let pause = try inv.value("pause").map { text throws(CLIError) -> Double in
            guard let seconds = Double(text), seconds >= 0, seconds <= 60 else { throw .usage("--pause takes seconds from 0 to 60.") }
            return seconds
        } ?? readingPauseSeconds
        let say: (String) -> Void = { inv.output.error($0) }
        let trace = inv.environment["TRADEGUARD_BENCH_TRACE"] == "1" ? inv.output.errors : nil
        if binary.contains("/debug/") {
            say("bench: this is a debug build; for figures worth comparing run 'swift run -c release tradeguard bench --demo'.")
        }
        // Everything (databases, the demo template in HOME/.cache) lives in a scratch folder.
        let scratch = FileManager.default.temporaryDirectory.path + "/tradeguard-bench-demo-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let environment = ["PATH": "/usr/bin:/bin", "HOME": scratch, "LANG": "C.UTF-8"]

        do {
            say("bench: init of the demo database, \(runs) runs …")
            var inits: [TimedChild] = []
            for run in 1...runs {
                let path = scratch + "/init-\(run).sqlite"
                let timed = try TimedChild.run(binary, ["init", "--db", path], environment: environment)
                guard timed.status == 0 else { throw BenchError("'tradeguard init --db \(path)' ended with status \(timed.status)") }
                inits.append(timed)
            }
            let database = scratch + "/init-1.sqlite"
            OSCache.warm(database)

            say("bench: the plain app's first frame on the demo database, \(runs) runs …")
            var plain: [Double] = []
            for _ in 1...runs {
                let app = try BenchChild(binary: binary, database: database, handle: DemoCast.defaultSeller, rows: rows, cols: cols,
                                         scratch: scratch, trace: trace)
                plain.append(app.firstFrameMs)
                guard app.quit().status == 0 else { throw BenchError("the app did not end with status 0 after Q") }
            }

            // The demo's template is made once per binary and day; a trainer's first demo of the day
            // waits for it (reported, not judged), every other one copies it.
            say("bench: the demo's template …")
            let templateBegan = Monotonic.seconds()
            _ = try DemoTemplate.ensure(now: SystemTimeSource().now(), environment: environment) {}
            let templateSeconds = Monotonic.seconds() - templateBegan

            say("bench: the demo's first screen, \(runs) runs, then its steps …")
            var firstScreens: [Double] = []
            var walk = DemoBenchWalk.Samples()
            for run in 1...runs {
                let demo = try BenchChild(binary: binary, database: "", handle: "", rows: rows, cols: cols, scratch: scratch,
                                          trace: trace, command: ["demo"])
                firstScreens.append(demo.firstFrameMs)
                if run == runs { walk = try DemoBenchWalk.run(demo, steps: try builtInSteps(), rounds: rounds, pause: pause) }
                guard demo.quit().status == 0 else { throw BenchError("the demo did not end with status 0 after Q") }
            }

            let figures = self.figures(inits: inits, plain: plain, firstScreens: firstScreens, walk: walk, templateSeconds: templateSeconds,
                                       pause: pause)
            let title = "demo database (\(DemoScale.describe(database))), \(cols)x\(rows) pty, \(runs) runs"
            inv.output.line(BenchTable.render(title: title, figures: figures))
            inv.output.line("")
            inv.output.line("Machine: \(MachineDescription.current()); load average \(loadAverage()). Budgets: DESIGN section 7 and issue 20.")
            return figures.contains { $0.verdict == "OVER" } ? 1 : 0
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.failed("The demo benchmark stopped: \(error)")
        }
    }

    static func figures(inits: [TimedChild], plain: [Double], firstScreens: [Double], walk: DemoBenchWalk.Samples,
                        templateSeconds: Double, pause: Double) -> [BenchFigure] {
        let plainMedian = Spread(plain).median
        func percentile(_ samples: [Double], _ p: Double) -> Spread { Spread(Percentile.of(samples, p).map { [$0] } ?? []) }
        return [
            BenchFigure(name: "init of the demo database, wall", spread: Spread(inits.map(\.wallSeconds)), unit: .seconds,
                        budget: initBudgetSeconds, note: "exec to exit, fsyncs included"),
            BenchFigure(name: "init of the demo database, CPU", spread: Spread(inits.map(\.cpuSeconds)), unit: .seconds, budget: nil,
                        note: "user + system; wall - CPU is waiting (disk, or a busy machine)"),
            BenchFigure(name: "plain app: exec -> first frame", spread: Spread(plain), unit: .milliseconds, budget: nil,
                        note: "on that demo database, as \(DemoCast.defaultSeller)"),
            BenchFigure(name: "demo: exec -> first screen", spread: Spread(firstScreens), unit: .milliseconds,
                        budget: plainMedian.isNaN ? nil : firstScreenRatio * plainMedian,
                        note: "\(BenchUnit.ratio.format(firstScreenRatio)) the plain app's; template ready"),
            BenchFigure(name: "demo template, once a day", spread: Spread([templateSeconds]), unit: .seconds, budget: nil,
                        note: "a day's first demo waits this before its first screen"),
            BenchFigure(name: "step forward, p50", spread: percentile(walk.forward, 50), unit: .milliseconds, budget: nil,
                        note: "\(walk.forward.count) steps"),
            BenchFigure(name: "step forward, p99", spread: percentile(walk.forward, 99), unit: .milliseconds, budget: stepBudgetMs,
                        note: "key taken -> frame handed over; " + DemoBenchWalk.Samples.slowest(walk.forward, walk.forwardReached)),
            BenchFigure(name: "step back, p50", spread: percentile(walk.back, 50), unit: .milliseconds, budget: nil,
                        note: "\(walk.back.count) steps, \(pause) s read before each"),
            BenchFigure(name: "step back, p99", spread: percentile(walk.back, 99), unit: .milliseconds, budget: stepBudgetMs,
                        note: "key taken -> frame handed over; " + DemoBenchWalk.Samples.slowest(walk.back, walk.backReached)),
        ]
    }

    /// The built-in walkthrough's step count (the one `demo` plays without --script).
    static func builtInSteps() throws -> Int {
        let (text, file) = try DemoCheck.scriptSource("basics")
        return try Walkthrough(try Script.parse(text, name: file)).steps.count
    }

    static func loadAverage() -> String {
        var loads = [Double](repeating: 0, count: 3)
        guard getloadavg(&loads, 3) == 3 else { return "unknown" }
        return loads.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }
}

/// A database's size in words, for the table's title.
enum DemoScale {
    static func describe(_ path: String) -> String {
        guard let store = try? Store(path: path, create: false) else { return "?" }
        defer { store.close() }
        let orders = (try? store.totalOrderCount()) ?? 0
        return "\(orders) orders"
    }
}
