import Foundation
import TradeGuardStore
import TradeGuardTerminal
#if canImport(Glibc)
import Glibc
#endif

/// The generated databases `bench` measures, kept between runs in a cache folder: building the
/// million-order one (seed, then a full `check`) takes minutes, measuring it takes seconds.
struct BenchCache {
    /// A database ready to measure, with what building it took.
    struct Entry {
        let path: String
        let orders: Int
        let seedSeconds: Double
        /// SQLite's `VACUUM INTO` of the freshly seeded file, timed in the same run: the seed's
        /// budget is a multiple of it, so the verdict follows the machine, not a fixed time.
        let vacuumSeconds: Double
        let checkResult: String
        let built: String
        let reused: Bool
    }

    let folder: String
    let binary: String

    /// `--cache DIR`, else `$XDG_CACHE_HOME/tradeguard/bench`, else `~/.cache/tradeguard/bench`.
    static func folder(explicit: String?, environment: [String: String]) -> String {
        if let explicit { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/tradeguard/bench" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/tradeguard/bench"
    }

    /// The database with `orders` seeded orders: reused when a complete one is cached (unless
    /// `fresh`), else seeded by the real `seed` command in a child process, timed, and checked.
    func ensure(orders: Int, fresh: Bool, say: (String) -> Void) throws -> Entry {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/orders-\(orders).sqlite"
        let record = path + ".txt"
        if !fresh, let entry = Self.read(record: record, path: path, orders: orders) { return entry }

        for suffix in ["", "-wal", "-shm", ".txt", ".anchor", ".key"] { unlink(path + suffix) }
        say("bench: seeding \(orders) orders into \(path) (kept for the next run) …")
        let started = Monotonic.seconds()
        let seed = try Self.run(binary, ["seed", "--orders", String(orders), "--db", path], quiet: true)
        let seconds = Monotonic.seconds() - started
        guard seed.status == 0 else { throw BenchError("seeding failed: \(seed.output)") }
        say(String(format: "bench: seeded in %.1f s; timing VACUUM INTO of it, then running 'tradeguard check' on it …", seconds))
        let vacuum = try Self.timeVacuumInto(path)
        let check = try Self.run(binary, ["check", "--db", path], quiet: true)
        let result = check.status == 0 ? "clean" : "FAILED"
        if check.status != 0 { say("bench: check found problems:\n\(check.output)") }
        let built = ISO8601DateFormatter().string(from: Date())
        let text = "orders=\(orders)\nseed_seconds=\(seconds)\nvacuum_seconds=\(vacuum)\ncheck=\(result)\nbuilt=\(built)\n"
        try text.write(toFile: record, atomically: true, encoding: .utf8)
        return Entry(path: path, orders: orders, seedSeconds: seconds, vacuumSeconds: vacuum, checkResult: result, built: built, reused: false)
    }

    private static func read(record: String, path: String, orders: Int) -> Entry? {
        guard FileManager.default.fileExists(atPath: path), let text = try? String(contentsOfFile: record, encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        // A record without the VACUUM INTO time predates the ratio budget: rebuilt.
        guard fields["orders"] == String(orders), let seconds = fields["seed_seconds"].flatMap(Double.init),
              let vacuum = fields["vacuum_seconds"].flatMap(Double.init),
              let check = fields["check"], let built = fields["built"] else { return nil }
        return Entry(path: path, orders: orders, seedSeconds: seconds, vacuumSeconds: vacuum, checkResult: check, built: built, reused: true)
    }

    /// Seconds SQLite takes to `VACUUM INTO` a new file beside `path` (removed afterwards): the
    /// yardstick for seeding — writing every page of the same database once, by SQLite itself.
    static func timeVacuumInto(_ path: String) throws -> Double {
        let copy = path + ".vacuum-into"
        for suffix in ["", "-journal"] { unlink(copy + suffix) }
        defer { unlink(copy) }
        let db = try Database(path: path, mode: .readOnly)
        defer { db.close(checkpoint: false) }
        let started = Monotonic.seconds()
        try db.run("VACUUM INTO ?", [.text(copy)])
        return Monotonic.seconds() - started
    }

    /// Runs the tradeguard binary; stdout and stderr are collected (so progress is not mixed
    /// into the table).
    static func run(_ binary: String, _ arguments: [String], quiet: Bool) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

/// Seconds on the monotonic clock, for wall-clock figures (the same clock the app's reports use).
enum Monotonic {
    static func seconds() -> Double { Double(PseudoTerminal.monotonicNanoseconds()) / 1e9 }
}
