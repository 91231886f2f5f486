import Foundation
import TradeGuardCore

/// The hosting platform's own settings (issue 18), in a file the platform account owns:
///
///     database = /srv/tradeguard/tradeguard.sqlite
///     authorized-keys = /home/tradeguard/.ssh/authorized_keys
///     binary = /usr/local/bin/tradeguard
///
/// Found at `$TRADEGUARD_PLATFORM_CONFIG` (set by the platform, e.g. sshd's `SetEnv`), else
/// `$HOME/.config/tradeguard/platform.conf`. A session takes the database from here and nowhere
/// else: nothing a connecting company types or sends chooses a file.
struct PlatformConfig: Equatable {
    var path: String
    var database: String?
    var authorizedKeys: String?
    var binary: String?

    static let variable = "TRADEGUARD_PLATFORM_CONFIG"

    static func location(environment: [String: String]) -> String? {
        if let explicit = environment[variable], !explicit.isEmpty { return explicit }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return home + "/.config/tradeguard/platform.conf"
    }

    /// The file at its location, or nil when there is none; a malformed file is refused by line.
    static func load(environment: [String: String]) throws(CLIError) -> PlatformConfig? {
        guard let path = location(environment: environment) else { return nil }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .failed("The platform config \(path) cannot be read.")
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws(CLIError) -> PlatformConfig {
        var config = PlatformConfig(path: path)
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else { throw .failed("\(path) line \(number + 1): expected 'name = value'.") }
            guard parts[1].hasPrefix("/") else { throw .failed("\(path) line \(number + 1): \(parts[0]) must be an absolute path.") }
            switch parts[0] {
            case "database": config.database = parts[1]
            case "authorized-keys": config.authorizedKeys = parts[1]
            case "binary": config.binary = parts[1]
            default: throw .failed("\(path) line \(number + 1): unknown setting \(TextRules.quoted(parts[0])) (database, authorized-keys, binary).")
            }
        }
        return config
    }

    /// Where `keys` writes: the config's, else the account's own `~/.ssh/authorized_keys`.
    func authorizedKeysPath(environment: [String: String]) throws(CLIError) -> String {
        if let authorizedKeys { return authorizedKeys }
        guard let home = environment["HOME"], home.hasPrefix("/") else {
            throw .failed("Set 'authorized-keys = PATH' in \(path): HOME is not set, so ~/.ssh/authorized_keys cannot be found.")
        }
        return home + "/.ssh/authorized_keys"
    }

    /// The binary sshd runs: the config's, else this program's own absolute path.
    func binaryPath() -> String {
        if let binary { return binary }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
