import TradeGuardCore

/// One SSH key bound to one party, as the `keys` table holds it.
public struct KeyRecord: Equatable, Sendable {
    public let fingerprint: String
    public let party: Handle
    public let partyKind: PartyKind
    public let name: String
    public let readOnly: Bool
    public let publicKey: String
    public let addedAt: Instant
    public let addedBy: String
    public let revokedAt: Instant?

    public var isRevoked: Bool { revokedAt != nil }
    /// The actor this key acts as: its party, never anyone else.
    public var actor: Actor { .party(party, partyKind) }
    public var isPlatform: Bool { partyKind == .platform }
}

/// Reads and writes the `keys` table inside the caller's transaction.
struct KeyDirectory {
    let db: Database

    /// The columns a key event records, in order (the party by handle, as party events do).
    static let eventColumns = ["fingerprint", "party", "name", "read_only", "public_key", "added_at", "added_by", "revoked_at"]
    static let eventSelect = """
        SELECT k.fingerprint, p.handle, k.name, k.read_only, k.public_key, k.added_at, k.added_by, k.revoked_at
        FROM keys k JOIN parties p ON p.id = k.party_id
        """

    func find(_ fingerprint: String) throws -> KeyRecord? {
        let statement = try db.cachedStatement("""
            SELECT k.fingerprint, p.handle, p.kind, k.name, k.read_only, k.public_key, k.added_at, k.added_by, k.revoked_at
            FROM keys k JOIN parties p ON p.id = k.party_id WHERE k.fingerprint = ?
            """)
        try statement.bind([.text(fingerprint)])
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return try Self.record(statement)
    }

    func all() throws -> [KeyRecord] {
        try db.query("""
            SELECT k.fingerprint, p.handle, p.kind, k.name, k.read_only, k.public_key, k.added_at, k.added_by, k.revoked_at
            FROM keys k JOIN parties p ON p.id = k.party_id ORDER BY p.handle, k.id
            """) { try Self.record($0) }
    }

    /// The key's row as it now stands, in `eventColumns` order.
    func eventRow(_ fingerprint: String) throws -> [Value] {
        let row = try db.query("\(Self.eventSelect) WHERE k.fingerprint = ?", [.text(fingerprint)]) { r in
            (0..<Self.eventColumns.count).map { r.value($0) }
        }
        guard let first = row.first else { throw StoreError.invalid("internal error: no key \(fingerprint)") }
        return first
    }

    private static func record(_ r: Statement) throws -> KeyRecord {
        guard let kind = PartyKind(rawValue: r.text(2)) else { throw StoreError.corruptRow("key \(r.text(0)) has a party of unknown kind") }
        return KeyRecord(fingerprint: r.text(0), party: try Handle(r.text(1)), partyKind: kind, name: r.text(3), readOnly: r.int(4) != 0,
                         publicKey: r.text(5), addedAt: Instant(secondsSinceEpoch: r.int(6)), addedBy: r.text(7),
                         revokedAt: r.optionalInt(8).map { Instant(secondsSinceEpoch: $0) })
    }
}
