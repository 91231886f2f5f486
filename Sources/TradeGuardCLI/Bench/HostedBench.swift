import Foundation
import TradeGuardTerminal
#if canImport(Glibc)
import Glibc
#endif

/// `tradeguard bench --hosted` (issue 18): the platform under load over real SSH on loopback.
/// A private sshd serves a fresh real database; half the sessions are companies' integrations
/// paying a cent at a time through `ssh … do pay` (each with its own idempotency key), half are
/// staff at the full-screen app through `ssh -tt` on pseudo-terminals, pressing keys. Afterwards
/// every acknowledged payment must be in the database exactly once, `check` must be clean, and
/// commits, keys and each full-screen session's memory are held to their budgets.
enum HostedBench {
    static let keyBudgetMs = 5.0
    static let commitBudgetMs = 50.0
    static let memoryBudgetMB = 30.0
    /// A payer's pause between actions, and a person's between keys.
    static let payerPauseMs = 250
    static let keyGapMs = 100
    /// The clients (ssh and its key exchange, one per action) run at nice 10. On a real platform
    /// they run on the companies' own machines; here they share the platform's CPUs, and without
    /// this the figures would time the load generator as much as the platform.
    static let clientPrefix = ["/usr/bin/nice", "-n", "10"]

    /// The hosted bench when `--hosted` is given (nil otherwise, for the plain bench to run).
    static func runIfAsked(_ inv: Invocation) throws -> Int32? {
        guard inv.arguments.has("hosted") else {
            if inv.value("sessions") != nil || inv.value("seconds") != nil {
                throw CLIError.usage("--sessions and --seconds apply to 'bench --hosted'.")
            }
            return nil
        }
        if let other = ["orders", "runs", "cache"].first(where: { inv.value($0) != nil }) ?? (inv.arguments.has("fresh") ? "fresh" : nil) {
            throw CLIError.usage("--\(other) applies to the plain bench, not to 'bench --hosted'.")
        }
        return try run(inv)
    }

    static func run(_ inv: Invocation) throws -> Int32 {
        let sessions = try inv.value("sessions").map { try ArgumentValue.integer($0, name: "--sessions", range: 2...512) } ?? 64
        let seconds = try inv.value("seconds").map { try ArgumentValue.integer($0, name: "--seconds", range: 1...3_600) } ?? 60
        guard inv.arguments.value("db") == nil else { throw CLIError.usage("bench --hosted makes its own database; it takes no --db.") }
        let say: (String) -> Void = { inv.output.error($0) }
        if let missing = PrivateSSHD.unavailable {
            inv.output.line("bench --hosted: skipped: \(missing).")
            return 0
        }
        let binary = try BenchSubcommand.ownBinary()
        if binary.contains("/debug/") {
            say("bench --hosted: this is a debug build; for figures worth comparing run 'swift run -c release tradeguard bench --hosted'.")
        }
        let folder = FileManager.default.temporaryDirectory.path + "/tradeguard-hosted-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o755)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let payerCount = sessions / 2, screenCount = sessions - sessions / 2
        let platform: HostedBenchPlatform
        do {
            platform = try HostedBenchPlatform(folder: folder, binary: binary, payers: payerCount, screens: screenCount,
                                               lifetimeSeconds: seconds + 900, say: say)
        } catch let failure as SpawnedProcess.Failure where failure.description.hasPrefix("sshd did not start") {
            inv.output.line("bench --hosted: skipped: \(failure.description.split(separator: "\n").first ?? "")")
            return 0
        }
        let loadBefore = loadAverage()
        say("bench --hosted: \(payerCount) payers and \(screenCount) full-screen sessions for \(seconds) s …")
        let run = try load(platform, binary: binary, seconds: seconds)
        platform.sshd.stop()
        let loadAfter = loadAverage()

        say("bench --hosted: comparing what the clients saw with the database, then 'check' …")
        let ledger: HostedBenchLedger
        do { ledger = try HostedBenchLedger.compare(database: platform.database, payers: run.payers) } catch {
            throw CLIError.failed("bench --hosted could not read the database back: \(error)")
        }
        let check = runCheck(platform.database)
        say("bench --hosted: one session under strace, counting writes per key over SSH …")
        let writes: Result<HostedFrameWrites.Count, Error>
        if let why = HostedFrameWrites.unavailable {
            writes = .failure(BenchError("not measured: \(why)"))
        } else {
            writes = Result { try HostedFrameWrites.count(binary: binary, folder: folder + "/strace") }
        }

        let figures = HostedBenchReport.figures(run: run, ledger: ledger, check: check, writes: writes,
                                                budgets: (keyBudgetMs, commitBudgetMs, memoryBudgetMB))
        let title = "hosted: \(payerCount) CLI payers + \(screenCount) full-screen sessions over SSH on 127.0.0.1, \(seconds) s (\(HostedScreen.cols)x\(HostedScreen.rows) ptys)"
        inv.output.line(BenchTable.render(title: title, figures: figures))
        if let failure = run.payers.compactMap(\.tally.lastFailure).first { inv.output.line("a failed call (retried): \(failure)") }
        for problem in run.problems.prefix(10) { inv.output.line("problem: \(problem)") }
        for lost in ledger.lost.prefix(10) { inv.output.line("lost: \(lost)") }
        for doubled in ledger.doubled.prefix(10) { inv.output.line("doubled: \(doubled)") }
        if !check.clean { inv.output.line("check: \(check.output)") }
        inv.output.line("")
        inv.output.line("Machine: \(MachineDescription.current()); load average \(loadBefore) before, \(loadAfter) after. The ssh clients ran at nice 10 (on a real platform they are the companies' machines).")
        let over = figures.contains { $0.verdict == "OVER" } || !ledger.isExact || !check.clean || !run.problems.isEmpty
        return over ? 1 : 0
    }

    /// What the clients brought back.
    struct Run {
        var payers: [(desk: HostedBenchPlatform.Desk, tally: HostedPayer.Tally)] = []
        var screens: [HostedScreen.Tally] = []
        var commitMs: [Double] = []
        var problems: [String] = []
    }

    /// Every client on a thread of its own, started over the first two seconds (as a morning's
    /// logins arrive, not all in one millisecond), each until the deadline.
    private static func load(_ platform: HostedBenchPlatform, binary: String, seconds: Int) throws -> Run {
        let commits = try CommitCollector(path: platform.folder + "/commits")
        let clients = platform.payers.count + platform.screens.count
        let stagger = UInt64(2_000_000_000 / max(clients, 1))
        let start = PseudoTerminal.monotonicNanoseconds()
        let deadline = start + UInt64(seconds) * 1_000_000_000
        let results = Locked(Run())
        let group = DispatchGroup()
        for (index, desk) in (platform.payers + platform.screens).enumerated() {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let wake = start + UInt64(index) * stagger
                let now = PseudoTerminal.monotonicNanoseconds()
                if wake > now { usleep(useconds_t((wake - now) / 1_000)) }
                if desk.order != nil {
                    let tally = HostedPayer(platform: platform, desk: desk, commitPipe: commits.path).run(until: deadline, pauseMs: payerPauseMs)
                    results.update { run in
                        run.payers.append((desk, tally))
                        run.problems += tally.givenUp.map { "\(desk.name) gave up on \($0.key): \($0.answer)" }
                    }
                } else {
                    let tally = HostedScreen(platform: platform, desk: desk, binary: binary).run(until: deadline, gapMs: keyGapMs)
                    results.update { run in
                        run.screens.append(tally)
                        if let problem = tally.problem { run.problems.append(problem) }
                    }
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        var run = results.value
        run.commitMs = commits.finish().map { Double($0) / 1e6 }
        return run
    }

    /// `tradeguard check` on the database, in-process.
    private static func runCheck(_ database: String) -> (clean: Bool, output: String) {
        let output = CapturedOutput(), errors = CapturedOutput()
        let status = Program.run(arguments: ["check", "--db", database], stdin: GivenInput(""), stdout: output, stderr: errors,
                                 environment: ["PATH": "/usr/bin:/bin"])
        return (status == 0, (output.text + errors.text).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}

/// Reads the commit reports (`C <ns>`) every payer's session writes into one named pipe.
final class CommitCollector: @unchecked Sendable {
    let path: String
    private let pipe: ReportPipe
    private let collected = Locked<[UInt64]>([])
    private let stopping = Locked(false)
    private let done = DispatchSemaphore(value: 0)

    init(path: String) throws {
        self.path = path
        pipe = try ReportPipe(path: path)
        let thread = Thread { [self] in
            while true {
                let line = try? pipe.readLine(timeoutMs: 200)
                if let line, line.hasPrefix("C "), let ns = UInt64(line.dropFirst(2)) { collected.update { $0.append(ns) } }
                if line == nil, stopping.value { break }
            }
            done.signal()
        }
        thread.start()
    }

    /// Stops reading once the pipe is quiet; the commit times, in nanoseconds.
    func finish() -> [UInt64] {
        stopping.update { $0 = true }
        done.wait()
        pipe.close()
        return collected.value
    }
}

/// A value shared between threads, behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
