import Foundation
import Testing
import TradeGuardCore
import TradeGuardStore
import TradeGuardCLI
#if canImport(Glibc)
import Glibc
#endif

/// The `tradeguard` binary these tests run: `$TRADEGUARD_BIN`, else the build folder holding the
/// test bundle (SwiftPM puts every product of one build in the same folder).
enum Binary {
    static let path: String = locate()

    private static func locate() -> String {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["TRADEGUARD_BIN"], fm.isExecutableFile(atPath: explicit) {
            return explicit
        }
        var starts: [URL] = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments.first ?? ".")]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts += Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var folder = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent("tradeguard").path
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue, fm.isExecutableFile(atPath: candidate) {
                    return candidate
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        return ""
    }
}

/// What a finished child process left: exit status (or the signal that ended it) and output.
struct RunResult: CustomStringConvertible {
    let status: Int32
    let signal: Int32?
    let stdout: String
    let stderr: String
    let seconds: Double

    var description: String { "exit \(status)\(signal.map { " (signal \($0))" } ?? "")\nstdout: \(stdout)\nstderr: \(stderr)" }
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    /// stdout parsed as JSON (tests may use Foundation here: amounts are strings anyway).
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed]) }
}

/// A running child. Output goes to files, never pipes: nothing can deadlock on a full pipe.
final class Child: @unchecked Sendable {
    let pid: pid_t
    private let outPath: String
    private let errPath: String
    private let started: Double

    fileprivate init(pid: pid_t, outPath: String, errPath: String, started: Double) {
        self.pid = pid
        self.outPath = outPath
        self.errPath = errPath
        self.started = started
    }

    func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

    func wait() -> RunResult {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Clock.now() - started
        let low = status & 0x7F
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        unlink(outPath)
        unlink(errPath)
        if low == 0 { return RunResult(status: (status >> 8) & 0xFF, signal: nil, stdout: out, stderr: err, seconds: seconds) }
        return RunResult(status: -1, signal: low, stdout: out, stderr: err, seconds: seconds)
    }
}

/// `Program.run` in this process, as `main.swift` calls it: what a spawned child would leave,
/// without the process. Each call has its own streams and environment, so tests run in parallel.
enum InProcess {
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String]) -> RunResult {
        let stdout = CapturedOutput(), stderr = CapturedOutput()
        let started = Clock.now()
        let status = Program.run(arguments: arguments, stdin: GivenInput(stdin ?? ""), stdout: stdout, stderr: stderr,
                                 environment: environment)
        return RunResult(status: status, signal: nil, stdout: stdout.text, stderr: stderr.text, seconds: Clock.now() - started)
    }
}

enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

enum Spawn {
    /// Starts `executable` with `arguments` and exactly `environment`; stdin from `stdinPath`
    /// (default /dev/null), stdout and stderr to fresh files in `folder`.
    static func start(_ executable: String, _ arguments: [String], environment: [String: String], folder: String,
                      stdinPath: String = "/dev/null", attributes: UnsafePointer<posix_spawnattr_t>? = nil) -> Child {
        let tag = UUID().uuidString
        let outPath = folder + "/.out-\(tag)"
        let errPath = folder + "/.err-\(tag)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = Clock.now()
        let rc = posix_spawn(&pid, executable, &actions, attributes, argv, envp)
        precondition(rc == 0, "posix_spawn \(executable) failed: \(String(cString: strerror(rc)))")
        return Child(pid: pid, outPath: outPath, errPath: errPath, started: started)
    }
}

/// One test's private folder and database path. Tests run in parallel in one process, so a
/// test never changes the process's directory or environment: children get their own.
final class Sandbox: @unchecked Sendable {
    let folder: String
    let db: String

    /// 2026-11-27 09:00 UTC, a Friday: the clock of the fixture databases.
    static let t0 = Instant.parse("2026-11-27T09:00:00Z")!

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tg-cli-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o755)
        db = folder + "/tg.sqlite"
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func path(_ name: String) -> String { folder + "/" + name }

    /// The inherited environment without anything that would point a command at a database,
    /// plus `TRADEGUARD_DB` aimed at a file that must never appear (a command ignoring --db).
    func environment(_ extra: [String: String] = [:], removing: [String] = []) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["TRADEGUARD_DB", "XDG_DATA_HOME", "XDG_CONFIG_HOME"] + removing { env[key] = nil }
        env["TRADEGUARD_DB"] = folder + "/default-must-not-be-used.sqlite"
        env["TZ"] = "UTC"
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// `tradeguard ARGS --db <this sandbox's db>`, run in-process.
    @discardableResult
    func tg(_ arguments: String..., stdin: String? = nil) -> RunResult { tg(arguments, stdin: stdin) }

    @discardableResult
    func tg(_ arguments: [String], stdin: String? = nil, db: String? = nil) -> RunResult {
        InProcess.run(arguments + ["--db", db ?? self.db], stdin: stdin, environment: environment())
    }

    /// Runs without adding --db, with an explicit environment, in-process.
    func raw(_ arguments: [String], environment: [String: String]? = nil) -> RunResult {
        InProcess.run(arguments, environment: environment ?? self.environment())
    }

    /// `tradeguard ARGS --db <this sandbox's db>` as a child process, waited for: for what only a
    /// process shows (its exit status as the shell sees it, signals, a terminal, other processes).
    @discardableResult
    func spawned(_ arguments: [String], stdin: String? = nil, db: String? = nil) -> RunResult {
        start(arguments + ["--db", db ?? self.db], stdin: stdin).wait()
    }

    /// The binary without adding --db, with an explicit environment, as a child process.
    func rawSpawned(_ arguments: [String], environment: [String: String]? = nil) -> RunResult {
        Spawn.start(Binary.path, arguments, environment: environment ?? self.environment(), folder: folder).wait()
    }

    /// Starts `tradeguard ARGS --db …` without waiting.
    func start(_ arguments: [String], stdin: String? = nil) -> Child {
        var stdinPath = "/dev/null"
        if let stdin {
            stdinPath = folder + "/.in-\(UUID().uuidString)"
            _ = FileManager.default.createFile(atPath: stdinPath, contents: Data(stdin.utf8))
        }
        return Spawn.start(Binary.path, arguments, environment: environment(), folder: folder, stdinPath: stdinPath)
    }

    func write(_ name: String, _ text: String) -> String {
        let file = path(name)
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    func bytes(_ file: String) -> Data? { FileManager.default.contents(atPath: file) }

    func exists(_ file: String) -> Bool { FileManager.default.fileExists(atPath: file) }
}

// MARK: Fixtures

extension Sandbox {
    static let supplier = Actor.party(try! Handle("acme"), .supplier)
    static let buyer = Actor.party(try! Handle("hanse"), .buyer)

    /// A database made in-process (fast, and on a fixed clock): the platform, supplier `acme`
    /// (on-site verified, member since 2019-03-01: limit US$32,000 once activated), buyers
    /// `hanse` and `nova`, supplier `brightco` (not activated); `acme` activated.
    @discardableResult
    func standardDatabase(kind: DatabaseKind = .demo, activate: Bool = true) throws -> Sandbox {
        let store = try Store(path: db, timeSource: ManualTimeSource(Self.t0), random: .seeded(42))
        defer { store.close() }
        try store.initialise(kind: kind, at: Self.t0)
        try store.addParty(Party(handle: try Handle("acme"), kind: .supplier, name: "Acme Hardware Co., Ltd.", country: "CN",
                                 email: "sales@acme.example", verification: .onsite, memberSince: try CalendarDate.parse("2019-03-01")))
        try store.addParty(Party(handle: try Handle("brightco"), kind: .supplier, name: "Bright Co", country: "VN",
                                 email: "hi@bright.example", memberSince: try CalendarDate.parse("2024-01-01")))
        try store.addParty(Party(handle: try Handle("hanse"), kind: .buyer, name: "Hanse Küchen GmbH", country: "DE",
                                 email: "einkauf@hanse.example", memberSince: try CalendarDate.parse("2020-01-01")))
        try store.addParty(Party(handle: try Handle("nova"), kind: .buyer, name: "Nova Retail 新星", country: "CN",
                                 email: "buy@nova.example", memberSince: try CalendarDate.parse("2021-06-01")))
        if activate { _ = try store.activate(try Handle("acme"), as: Self.supplier) }
        return self
    }

    /// Opens the fixture database in-process (same fixed clock) for setup or inspection.
    func openStore() throws -> Store {
        try Store(path: db, create: false, timeSource: ManualTimeSource(Self.t0), random: .seeded(UInt64.random(in: 1...UInt64.max)))
    }

    /// Drafts (as acme, with hanse) and submits an order of `lines` × `price` USD, in-process.
    /// Advance `advance`, no freight; returns its code.
    func submittedOrder(quantity: Int64 = 100, priceCents: Int64 = 1_250, advanceCents: Int64 = 40_000,
                        balanceDue: BalanceDue = .beforeShipment) throws -> OrderCode {
        let store = try openStore()
        defer { store.close() }
        let usd = { (cents: Int64) in Money(minorUnits: cents, currency: .usd) }
        let contract = Contract(kind: .custom, currency: .usd,
                                lines: [LineItem(description: "Steel hinges", quantity: Quantity(whole: quantity), unit: "pcs",
                                                 unitPrice: usd(priceCents), quality: "salt spray 96 h")],
                                incoterm: .CIF, namedPlace: "Hamburg", shippingMethod: .sea, shipDate: .daysAfterAdvance(20),
                                destination: "Am Sandtorkai 1, Hamburg", freight: usd(0), insurance: usd(0), advance: usd(advanceCents),
                                balanceDue: balanceDue)
        let order = try store.draft(contract, counterparty: try Handle("hanse"), as: Self.supplier)
        try store.perform(.submit, on: order.code, as: Self.supplier)
        return order.code
    }

    /// The order as JSON (`tradeguard order CODE --format json`), as a dictionary.
    func orderJSON(_ code: String) -> [String: Any] {
        let result = tg("order", code, "--format", "json")
        return result.json as? [String: Any] ?? [:]
    }

    func limitJSON(_ handle: String = "acme") -> [String: Any] {
        let result = tg("limits", "--as", handle, "--format", "json")
        return (result.json as? [[String: Any]])?.first ?? [:]
    }

    /// `check` must pass: exit 0 and "ok — …".
    func expectClean(_ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = tg("check")
        #expect(result.status == 0 && result.stdout.hasPrefix("ok — "), "\(comment?.rawValue ?? "check"): \(result)",
                sourceLocation: sourceLocation)
    }
}

/// A complete JSON contract (acme ↔ hanse, USD): 100 × 12.50 + 10.5 × 3.33 + 50 + 10 = 1,344.97.
enum ContractText {
    static let valid = """
    {
      "counterparty": "hanse",
      "currency": "USD",
      "kind": "custom",
      "lines": [
        {"description": "Steel hinges 不锈钢铰链", "quantity": "100", "unit": "pcs", "unitPrice": "12.50",
         "quality": "salt spray 96 h", "inspectionRequired": true},
        {"description": "Gaskets", "quantity": "10.5", "unit": "kg", "unitPrice": "3.33"}
      ],
      "incoterm": "CIF",
      "namedPlace": "Hamburg",
      "shipping": {"method": "sea", "daysAfter": "advance", "days": 20},
      "destination": "Am Sandtorkai 1, Hamburg",
      "freight": "50.00",
      "insurance": "10.00",
      "advance": "400.00",
      "balanceDue": "beforeShipment",
      "remarks": "Pack in export cartons.\\nMark each carton."
    }
    """

    /// The valid contract with `old` replaced by `new` (which must occur).
    static func with(_ old: String, _ new: String) -> String {
        precondition(valid.contains(old), "fixture does not contain \(old)")
        return valid.replacingOccurrences(of: old, with: new)
    }
}
