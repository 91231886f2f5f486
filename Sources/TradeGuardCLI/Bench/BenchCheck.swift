import Foundation
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// `tradeguard check` (the full replay) measured beside the seed, on every run: its wall time
/// and peak resident memory as a child process, and SQLite's own `PRAGMA integrity_check` on
/// the same file in the same run — the yardstick its time budget is a multiple of (issue 17).
struct BenchCheck {
    /// At most this many times `integrity_check` on the same file, same run.
    static let ratio = 2.0
    /// Peak resident memory of the `check` process: it streams the log, never holds it.
    static let residentMegabytes = 200.0

    let checkSeconds: Double
    let peakResidentBytes: Int
    let integritySeconds: Double
    /// "clean", or "FAILED" with what check said.
    let result: String

    /// Warms the OS cache with the file, times `integrity_check` in this process, then runs
    /// `check` in a child: both find the file in memory, neither pays the other's first read.
    static func measure(binary: String, database: String) throws -> BenchCheck {
        OSCache.warm(database)
        let integrity = try timeIntegrityCheck(database)
        let started = Monotonic.seconds()
        let run = try runMeasured(binary, ["check", "--db", database])
        let seconds = Monotonic.seconds() - started
        let result = run.status == 0 ? "clean" : "FAILED: " + run.output.split(separator: "\n").prefix(3).joined(separator: " / ")
        return BenchCheck(checkSeconds: seconds, peakResidentBytes: run.peakResidentBytes, integritySeconds: integrity, result: result)
    }

    /// The rows printed after the seed's.
    var figures: [BenchFigure] {
        [
            BenchFigure(name: "check (full replay)", spread: Spread([checkSeconds]), unit: .seconds,
                        budget: Self.ratio * integritySeconds, note: result),
            BenchFigure(name: "PRAGMA integrity_check, same file", spread: Spread([integritySeconds]), unit: .seconds, budget: nil,
                        note: "the yardstick, same run"),
            BenchFigure(name: "check / integrity_check", spread: Spread([checkSeconds / integritySeconds]), unit: .ratio, budget: Self.ratio),
            BenchFigure(name: "check peak resident memory", spread: Spread([Double(peakResidentBytes) / 1_048_576]), unit: .megabytes,
                        budget: Self.residentMegabytes),
        ]
    }

    var isClean: Bool { result == "clean" }

    /// Seconds SQLite's `PRAGMA integrity_check` takes on `path`, read-only, with SQLite's defaults.
    static func timeIntegrityCheck(_ path: String) throws -> Double {
        let db = try Database(path: path, mode: .readOnly)
        defer { db.close(checkpoint: false) }
        let started = Monotonic.seconds()
        let lines = try db.query("PRAGMA integrity_check", [], row: { $0.text(0) })
        let seconds = Monotonic.seconds() - started
        guard lines == ["ok"] else { throw BenchError("integrity_check of \(path) found damage: \(lines.prefix(3))") }
        return seconds
    }

    /// Runs the binary with its output in a scratch file, reaping it with `wait4` for its peak
    /// resident memory (Foundation's Process does not report it).
    static func runMeasured(_ binary: String, _ arguments: [String]) throws -> (status: Int32, output: String, peakResidentBytes: Int) {
        let outputPath = FileManager.default.temporaryDirectory.path + "/tradeguard-bench-check-\(getpid()).txt"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, binary, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("could not start \(binary): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (code, output, usage.ru_maxrss * 1024)
    }
}
