import Foundation
import TradeGuardStore
import TradeGuardCore
#if canImport(Glibc)
import Glibc
#endif

/// Where the database lives when `--db` is not given (DESIGN §4): `$TRADEGUARD_DB`, else
/// `$XDG_DATA_HOME/tradeguard/tradeguard.sqlite`, else `~/.local/share/tradeguard/tradeguard.sqlite`.
/// The full-screen app and every command resolve the path here, and nowhere else.
enum DatabaseLocation {
    static let fileName = "tradeguard.sqlite"

    /// The path to use: `explicit` (from `--db`) if given, else the environment's default.
    /// Empty values count as unset, as the XDG specification says.
    static func resolve(explicit: String?, environment: [String: String]) throws(CLIError) -> String {
        if let explicit {
            guard !explicit.isEmpty else { throw .usage("--db needs a file path.") }
            try refuseControls(explicit, from: "--db")
            return expandTilde(explicit, environment: environment)
        }
        if let path = environment["TRADEGUARD_DB"], !path.isEmpty {
            try refuseControls(path, from: "TRADEGUARD_DB")
            return expandTilde(path, environment: environment)
        }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty, data.hasPrefix("/") {
            return join(data, "tradeguard", fileName)
        }
        guard let home = homeDirectory(environment) else {
            throw .failed("Cannot tell where the database lives: HOME is not set; give --db PATH or set TRADEGUARD_DB.")
        }
        return join(home, ".local/share/tradeguard", fileName)
    }

    /// A path is quoted in many messages; one holding a newline or another control character
    /// could forge a line on stderr, and no one names a database that way on purpose.
    private static func refuseControls(_ path: String, from source: String) throws(CLIError) {
        guard let bad = path.unicodeScalars.first(where: { TextRules.isForbidden($0) }) else { return }
        let code = String(bad.value, radix: 16, uppercase: true)
        throw .usage("\(source) \(TextRules.quoted(path)) contains a control or invisible character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)); give a plain path.")
    }

    /// Creates the folder that will hold `path` (and its parents) if missing: 0700, or 0770
    /// for a database shared by a Unix group (SQLite creates its -wal and -shm files beside it).
    static func prepareFolder(for path: String, shared: Bool = false) throws(CLIError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .failed("Cannot create the database: \(folder) is a file, not a folder.") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: shared ? 0o770 : 0o700])
        } catch {
            throw .failed("Cannot create the folder \(folder): \(Self.reason(error)).")
        }
    }

    /// Removes a database file, the files SQLite keeps beside it, and its anchor and key (a
    /// new database at the same path must not inherit them: its log would look cut short).
    static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal", "-damage", ".anchor", ".key"] { _ = unlink(path + suffix) }
    }

    private static func homeDirectory(_ environment: [String: String]) -> String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
        return nil
    }

    private static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = homeDirectory(environment) else { return path }
        return home + path.dropFirst()
    }

    private static func join(_ parts: String...) -> String {
        parts.dropFirst().reduce(parts[0]) { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/" + $1 }
    }

    static func reason(_ error: Error) -> String { ErrorSentence.fileReason(error) }
}
