import Foundation
import TradeGuardCore

/// `$XDG_CONFIG_HOME/tradeguard/config` (`theme = …`, `party = …`) and `keys.conf` beside it.
struct UserConfig {
    let folder: String?
    var theme: String?
    var party: String?
    /// Problems found, each "file:line: reason"; the app shows them and carries on with defaults.
    var problems: [String] = []

    init(environment: [String: String]) {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            folder = xdg + "/tradeguard"
        } else if let home = environment["HOME"], !home.isEmpty {
            folder = home + "/.config/tradeguard"
        } else {
            folder = nil
        }
        guard let path = configPath, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                problems.append("\(path):\(index + 1): expected 'key = value'")
                continue
            }
            switch parts[0] {
            case "theme": theme = parts[1]
            case "party": party = parts[1]
            default: problems.append("\(path):\(index + 1): unknown setting \(TextRules.quoted(parts[0])) (use theme or party)")
            }
        }
    }

    var configPath: String? { folder.map { $0 + "/config" } }

    /// Writes `theme = NAME` into the config file, replacing an earlier theme line and keeping
    /// every other line as it was; written to a temporary file and renamed, so a crash leaves
    /// the old file or the new one. Throws one sentence.
    func remember(theme name: String) throws {
        guard let folder, let path = configPath else { throw CLIError.failed("there is no config folder (HOME is not set)") }
        let old = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var lines = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let setting = "theme = \(name)"
        if let i = lines.firstIndex(where: { $0.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) == "theme" }) {
            lines[i] = setting
        } else {
            lines.append(setting)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temporary = path + ".tmp-\(getpid())"
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw CLIError.failed("could not remember it in \(path): \(reason)")
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.failed("could not remember it in \(path): \(error.localizedDescription)")
        }
    }
    var keysPath: String? { folder.map { $0 + "/keys.conf" } }

    /// The key bindings file, if there is one.
    func keyBindings() -> (text: String, file: String)? {
        guard let path = keysPath, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return (text, path)
    }
}
