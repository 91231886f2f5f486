import Foundation
import TradeGuardCore
#if canImport(Glibc)
import Glibc
#endif

/// `tradeguard bench`: what a person feels, measured at 10k, 100k and 1M orders against the
/// budgets of DESIGN §7, through the real binary on a pseudo-terminal.
enum BenchSubcommand {
    static let subcommand = Subcommand(
        name: "bench", synopsis: "bench [--orders N[,N…]] [--runs R] [--cache DIR] [--fresh] | bench --demo | bench --hosted",
        summary: "Measure start-up, keys, filtering, commits, terminal bytes and memory against the performance budgets.",
        details: """
          --orders N   database sizes to measure, each at least 10000 so the session has a queue to
                       page through (default: 10000,100000,1000000)
          --runs R     repeated runs per size (default 5); each figure is the median, with min-max
          --cache DIR  where the generated databases are kept (default: $XDG_CACHE_HOME/tradeguard/bench,
                       else ~/.cache/tradeguard/bench); a missing one is seeded (and checked) first
          --fresh      rebuild the cached databases (re-measures seeding)
          --demo       instead: init of the demo database (wall and CPU), the plain app's and the demo's
                       first screens, and the walkthrough's step forward and back (DemoBench.swift);
                       --pause SECONDS is the reading time before each step key (default 1)
          Build it in release mode for figures worth comparing: swift run -c release tradeguard bench
          The app runs on a 120x40 pseudo-terminal as the supplier with the most orders (seed-s0001).

          --hosted     the platform over SSH instead (needs sshd; skipped with a message without it): a
                       private sshd on 127.0.0.1 and N concurrent sessions for S seconds, half paying
                       through 'ssh HOST do pay', half at the full-screen app through 'ssh -tt'; then
                       lost or doubled actions, check, commit and key p99, memory per session
          --sessions N concurrent SSH sessions (default 64)
          --seconds S  how long they run (default 60)
        """,
        valueOptions: ["orders", "runs", "cache", "pause", "sessions", "seconds"], flagOptions: ["fresh", "demo", "hosted"], usesDatabase: false, run: run)

    static let rows = 40, cols = 120
    static let seller = "seed-s0001", buyer = "seed-b0001"
    static let actionsPerRun = 20

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        if let status = try HostedBench.runIfAsked(inv) { return status }
        let sizes = try (inv.value("orders") ?? "10000,100000,1000000").split(separator: ",").map {
            try ArgumentValue.integer(String($0), name: "--orders", range: 10_000...10_000_000)
        }
        let runs = try inv.value("runs").map { try ArgumentValue.integer($0, name: "--runs", range: 1...100) } ?? 5
        guard inv.arguments.value("db") == nil else { throw CLIError.usage("bench makes its own databases; use --cache DIR to say where.") }
        let binary = try ownBinary()
        if inv.arguments.has("demo") { return try DemoBench.run(inv, binary: binary, runs: runs, rows: rows, cols: cols) }
        let say: (String) -> Void = { inv.output.error($0) }
        let trace = inv.environment["TRADEGUARD_BENCH_TRACE"] == "1" ? inv.output.errors : nil
        if binary.contains("/debug/") {
            say("bench: this is a debug build; for figures worth comparing run 'swift run -c release tradeguard bench'.")
        }
        let cache = BenchCache(folder: BenchCache.folder(explicit: inv.value("cache"), environment: inv.environment), binary: binary)
        say("bench: databases are kept in \(cache.folder)")
        let scratch = FileManager.default.temporaryDirectory.path + "/tradeguard-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        var anyOver = false
        for orders in sizes {
            let entry: BenchCache.Entry
            do { entry = try cache.ensure(orders: orders, fresh: inv.arguments.has("fresh"), say: say) } catch { throw CLIError.failed("\(error)") }
            if let words = inv.environment[BenchFilterWords.variable]?.split(separator: ",").map(String.init), !words.isEmpty {
                do {
                    try BenchFilterWords.run(words: words, steps: (inv.environment["TRADEGUARD_BENCH_FILTER_BEFORE"] ?? "").split(separator: ",").map(String.init), database: entry.path, handle: seller, runs: runs, rows: rows, cols: cols,
                                             scratch: scratch, output: { inv.output.line($0) })
                } catch { throw CLIError.failed("\(error)") }
                continue
            }
            var sessions: [SessionSamples] = []
            var actions: [BenchActions.Samples] = []
            var cold: [Double] = []
            let session = BenchSession(binary: binary, database: entry.path, handle: seller, rows: rows, cols: cols, scratch: scratch, trace: trace)
            do {
                say("bench: \(grouped(orders)) orders, \(runs) cold starts …")
                for _ in 1...runs { cold.append(try session.coldFirstFrame()) }
            } catch {
                throw CLIError.failed("The benchmark at \(orders) orders stopped: \(error)")
            }
            OSCache.warm(entry.path)
            for run in 1...runs {
                say("bench: \(grouped(orders)) orders, run \(run) of \(runs) …")
                do {
                    var samples = try session.run()
                    samples.coldFirstFrameMs = cold[run - 1]
                    sessions.append(samples)
                    actions.append(try BenchActions(database: entry.path, supplier: try Handle(seller), buyer: try Handle(buyer)).run(count: actionsPerRun))
                } catch {
                    throw CLIError.failed("The benchmark at \(orders) orders stopped: \(error)")
                }
            }
            var figures = BenchReport.figures(entry: entry, sessions: sessions, actions: actions, cols: cols)
            say("bench: \(grouped(orders)) orders, timing PRAGMA integrity_check, then 'tradeguard check' …")
            let check: BenchCheck
            do { check = try BenchCheck.measure(binary: binary, database: entry.path) } catch { throw CLIError.failed("\(error)") }
            figures.insert(contentsOf: check.figures, at: min(3, figures.count))   // beside the seed's rows
            anyOver = anyOver || !check.isClean
            figures += BenchFrameOutput.figures(binary: binary, database: entry.path, handle: seller, rows: rows, cols: cols,
                                                scratch: scratch, runs: runs, trace: trace, say: say)
            // The seed's verdict is its ratio to VACUUM INTO (a figure above) and a clean check.
            anyOver = anyOver || figures.contains { $0.verdict == "OVER" } || entry.checkResult != "clean"
            let title = "\(grouped(orders)) orders, \(cols)x\(rows) pty, \(runs) runs (\(entry.reused ? "database reused from \(entry.built)" : "database built now"))"
            inv.output.line(BenchTable.render(title: title, figures: figures))
            inv.output.line("")
            inv.output.flush()
        }
        inv.output.line("Machine: \(MachineDescription.current()). Budgets: DESIGN section 7 (seed: at most \(BenchReport.seedRatio) x VACUUM INTO of the seeded file, same run; "
                        + "check: at most \(BenchCheck.ratio) x PRAGMA integrity_check of the same file, same run, and \(Int(BenchCheck.residentMegabytes)) MB resident).")
        return anyOver ? 1 : 0
    }

    /// The running executable, for the children: the same build measures itself.
    static func ownBinary() throws -> String {
        var buffer = [CChar](repeating: 0, count: 4_096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { throw CLIError.failed("bench cannot find its own executable (/proc/self/exe).") }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}

/// A line naming the machine the figures came from.
enum MachineDescription {
    static func current() -> String {
        let cpus = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        var model = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return "\(cpus) CPUs (\(model)), \(String(format: "%.0f", memory)) GB RAM"
    }
}
