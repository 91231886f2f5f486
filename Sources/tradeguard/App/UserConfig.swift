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
    var keysPath: String? { folder.map { $0 + "/keys.conf" } }

    /// The key bindings file, if there is one.
    func keyBindings() -> (text: String, file: String)? {
        guard let path = keysPath, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return (text, path)
    }
}
