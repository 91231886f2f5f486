import Foundation
import TradeGuardCore

/// A finding of damage, kept in a small file beside the database (`PATH-damage`) so the next
/// write sees it with one `access` call and refuses until the user decides. Writing on
/// a damaged file can spread the damage (a broken index steers an update to the wrong row),
/// so the store does not write until `tradeguard check` runs clean again or the user accepts
/// the risk with `tradeguard check --accept-damage`.
public enum DamageMarker {
    public static func path(for database: String) -> String { database + "-damage" }

    /// Records what was found (the first line is quoted in the refusal). Best effort: a
    /// folder the user may not write gets no marker, and the file is read-only then anyway.
    public static func record(_ findings: [String], for database: String) {
        guard !findings.isEmpty, !database.hasPrefix("file:"), database != ":memory:" else { return }
        let text = findings.prefix(10).joined(separator: "\n") + "\n"
        let file = path(for: database)
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else { return }
    }

    public static func clear(for database: String) {
        _ = try? FileManager.default.removeItem(atPath: path(for: database))
    }

    /// The first recorded finding, or nil when no damage is on record (the usual case, one stat).
    public static func finding(for database: String) -> String? {
        let file = path(for: database)
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").first.map(String.init) ?? "damage"
    }

    /// The refusal a write meets while damage is on record.
    static func refusal(_ finding: String) -> StoreError {
        .invalid("The last check found damage in this database (\(TextRules.escaped(String(finding.prefix(160))))); "
                 + "writes are refused until you decide: restore a backup, or run 'tradeguard check --accept-damage' to write anyway.")
    }
}
