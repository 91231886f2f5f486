import TradeGuardCore

/// The replay of the SSH keys (issue 18): each key event carries the key's row as it then stood
/// ("keyRow"); the `keys` table must hold exactly the rows the log implies. And every event that
/// names a key must be that key's party's, written while the key was live.
struct KeyReplay {
    struct Implied {
        var row: [Value]
        var setters: [String]
    }

    /// What the key events imply, by fingerprint, filled by the global pass.
    private(set) var implied: [String: Implied] = [:]

    /// Takes one global event's payload into account.
    /// `label` is built only for a key event (every global event passes here).
    mutating func take(_ payload: [AuditEvent.Field], label makeLabel: @autoclosure () -> String) {
        guard let row = payload.first(where: { $0.key == "keyRow" }).flatMap({ RowEncoding.decode($0.value) }),
              row.count == KeyDirectory.eventColumns.count, case let .text(fingerprint) = row[0] else { return }
        let label = makeLabel()
        var setters = implied[fingerprint]?.setters ?? Array(repeating: label, count: row.count)
        if let previous = implied[fingerprint]?.row {
            for c in row.indices where row[c] != previous[c] { setters[c] = label }
        }
        implied[fingerprint] = Implied(row: row, setters: setters)
    }

    /// Compares the `keys` table with what the log implies, one fault per row.
    func compare(db: Database, _ fault: (String) -> Void) throws {
        let columns = KeyDirectory.eventColumns
        var seen: Set<String> = []
        for row in try db.query("\(KeyDirectory.eventSelect) ORDER BY k.id", [], row: { r in (0..<columns.count).map { r.value($0) } }) {
            guard case let .text(fingerprint) = row[0] else { continue }
            seen.insert(fingerprint)
            guard let expected = implied[fingerprint] else { fault("keys row \(fingerprint): the log has no event that added it"); continue }
            if let c = columns.indices.first(where: { row[$0] != expected.row[$0] }) {
                let name = columns[c] == "party" ? "party_id" : columns[c]
                fault("keys row \(fingerprint): \(name) is \(ReplayFormat.value(row[c], money: nil)) but the log implies "
                      + "\(ReplayFormat.value(expected.row[c], money: nil)) (\(expected.setters[c]))")
            }
        }
        for (fingerprint, entry) in implied.sorted(by: { $0.key < $1.key }) where !seen.contains(fingerprint) {
            fault("keys: the key \(fingerprint) is missing that the log implies (\(entry.setters[0]))")
        }
    }

    /// Keys as the table holds them (compared with the log separately), for checking the events
    /// that name one.
    static func live(db: Database) throws -> [String: (party: String, name: String, added: Int64, revoked: Int64?)] {
        var keys: [String: (party: String, name: String, added: Int64, revoked: Int64?)] = [:]
        for (fp, party, name, added, revoked) in try db.query("\(KeyDirectory.eventSelect)", [], row: {
            ($0.text(0), $0.text(1), $0.text(2), $0.int(5), $0.optionalInt(7))
        }) { keys[fp] = (party, name, added, revoked) }
        return keys
    }

    /// The sentence for an event that names a key it could not have been written with, or nil.
    static func misattribution(_ event: AuditEvent, label makeLabel: @autoclosure () -> String,
                               keys: [String: (party: String, name: String, added: Int64, revoked: Int64?)]) -> String? {
        guard let fingerprint = event.value(Attribution.keyField) else { return nil }
        let label = makeLabel()
        guard let key = keys[fingerprint] else { return "\(label) names the key \(fingerprint), which the keys table does not hold" }
        let handle = event.actor.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
        if handle != key.party { return "\(label) names the key \(fingerprint), which belongs to \(key.party), not \(handle)" }
        if event.value(Attribution.keyNameField) != key.name {
            return "\(label) names the key \(fingerprint) as \(ReplayFormat.quoted(event.value(Attribution.keyNameField))) but it is \(ReplayFormat.quoted(key.name))"
        }
        let at = event.at.secondsSinceEpoch
        if at < key.added || key.revoked.map({ at >= $0 }) == true {
            return "\(label) was written with the key \(fingerprint) at a time it was not live"
        }
        return nil
    }
}
