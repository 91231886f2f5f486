import TradeGuardCore

/// The SSH keys bound to parties (issue 18). Adding and revoking are platform actions through
/// the one write gate, each with an event carrying the key's row ("keyRow") so `check` can
/// compare the table with the log.
extension Store {
    @discardableResult
    public func addKey(_ key: SSHPublicKey, for handle: Handle, name: String, readOnly: Bool, as actor: Actor = .platform) throws -> KeyRecord {
        let name = try Self.validKeyName(name)
        return try transact { now, recorder in
            try requirePlatform(actor)
            let party = try parties.require(handle)
            if let existing = try keyDirectory.find(key.fingerprint) {
                throw StoreError.invalid("The key \(key.fingerprint) is already \(existing.isRevoked ? "recorded (revoked)" : "bound to \(existing.party)"); a key belongs to one party once.")
            }
            try db.run("""
                INSERT INTO keys (fingerprint, party_id, name, read_only, public_key, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(key.fingerprint), .int(party.id), .text(name), .int(readOnly ? 1 : 0), .text(key.keyText),
                      .int(now.secondsSinceEpoch), .text(actor.description)])
            try recorder.record(try keyEvent(actor, "key.add", key.fingerprint, now, [.init("party", handle.value), .init("name", name),
                                                                                      .init("readOnly", readOnly ? "yes" : "no")]))
            guard let record = try keyDirectory.find(key.fingerprint) else { throw StoreError.invalid("internal error: the key vanished") }
            return record
        }
    }

    /// Revokes a key: it stays in the table (old events still name it) and writes nothing more.
    @discardableResult
    public func revokeKey(_ fingerprint: String, as actor: Actor = .platform) throws -> KeyRecord {
        try transact { now, recorder in
            try requirePlatform(actor)
            guard let key = try keyDirectory.find(fingerprint) else { throw StoreError.invalid("There is no key \(fingerprint); 'tradeguard keys list' lists them.") }
            guard !key.isRevoked else { throw StoreError.invalid("The key \(fingerprint) was already revoked on \(key.revokedAt!.iso8601).") }
            try db.run("UPDATE keys SET revoked_at = ? WHERE fingerprint = ?", [.int(now.secondsSinceEpoch), .text(fingerprint)])
            try recorder.record(try keyEvent(actor, "key.revoke", fingerprint, now, [.init("party", key.party.value)]))
            guard let record = try keyDirectory.find(fingerprint) else { throw StoreError.invalid("internal error: the key vanished") }
            return record
        }
    }

    /// Every key, revoked ones too, by party.
    public func keys() throws -> [KeyRecord] { try db.read { try keyDirectory.all() } }

    /// The key with `fingerprint`, or nil.
    public func key(_ fingerprint: String) throws -> KeyRecord? { try db.read { try keyDirectory.find(fingerprint) } }

    var keyDirectory: KeyDirectory { KeyDirectory(db: db) }

    static func validKeyName(_ name: String) throws -> String {
        do { return try TextRules.validate(name, field: "key name", maxLength: 80) } catch { throw StoreError.invalid(error.description) }
    }

    private func keyEvent(_ actor: Actor, _ action: String, _ fingerprint: String, _ now: Instant, _ payload: [AuditEvent.Field]) throws -> AuditEvent {
        AuditEvent(actor: actor.description, action: action, order: nil, fromState: nil, toState: nil, at: now,
                   payload: payload + [.init("fingerprint", fingerprint), .init("keyRow", RowEncoding.encode(try keyDirectory.eventRow(fingerprint)))])
    }
}
