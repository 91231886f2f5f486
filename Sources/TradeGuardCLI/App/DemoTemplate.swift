import Foundation
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// The walkthrough's starting database (issue 20): built once per binary and day in the user's
/// cache folder, then copied for every walkthrough and every step back, instead of replaying
/// 150 days of demo history each time. Built aside and moved into place whole (`AtomicFile`),
/// so concurrent first runs take turns and never see a half-built template.
enum DemoTemplate {
    /// `$XDG_CACHE_HOME/tradeguard/demo`, else `~/.cache/tradeguard/demo`.
    static func folder(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/tradeguard/demo" }
        return (environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.cache/tradeguard/demo"
    }

    /// The template for this binary (version, schema, and the executable's size and time, so a
    /// rebuilt binary with other demo data never uses a stale one) and this UTC day (the demo's
    /// deadlines are relative to its clock, which should read today).
    static func name(now: Instant) -> String {
        var info = stat()
        let identity = stat("/proc/self/exe", &info) == 0 ? "\(info.st_size)-\(info.st_mtim.tv_sec)" : "unknown"
        let day = now.utcDate.description.replacingOccurrences(of: "-", with: "")
        return "demo-\(Program.version)-s\(Store.schemaVersion)-\(identity)-\(day).sqlite"
    }

    /// The template's path, building it first when missing; `building` is told before a build.
    static func ensure(now: Instant, environment: [String: String], building: () -> Void) throws -> String {
        let folder = folder(environment: environment)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = folder + "/" + name(now: now)
        if FileFacts.exists(path) { return path }
        building()
        let minute = Instant(secondsSinceEpoch: now.secondsSinceEpoch / 60 * 60)
        _ = try NewDatabaseFile.create(at: path) { try DemoData.build(into: $0, now: minute) }
        removeOthers(in: folder, keeping: path)
        return path
    }

    /// Templates of other days and binaries are not needed any more (best effort).
    private static func removeOthers(in folder: String, keeping path: String) {
        let keep = (path as NSString).lastPathComponent
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where entry.hasPrefix("demo-") && entry.hasSuffix(".sqlite") && entry != keep {
            _ = unlink(folder + "/" + entry)
        }
    }

    /// Copies the template to `destination`, which must not exist; a standalone database file
    /// (checkpointed, no -wal), so a byte copy is a consistent copy.
    static func copy(_ template: String, to destination: String) throws {
        let outcome = try AtomicFile.create(at: destination, fileMode: 0o600) { temporary in
            guard let data = FileManager.default.contents(atPath: template), !data.isEmpty else {
                throw CLIError.failed("The demo template \(template) could not be read.")
            }
            // Into the very file AtomicFile made (and locks), not a replacement of it.
            guard let handle = FileHandle(forWritingAtPath: temporary) else {
                throw CLIError.failed("Cannot write \(temporary).")
            }
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
        }
        guard outcome == .created else { throw CLIError.failed("\(destination) already exists; the walkthrough needs a new file.") }
    }
}
