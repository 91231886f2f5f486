import TradeGuardCore

/// A party as stored: the domain value plus its row id and current limit figures.
public struct PartyRecord: Equatable, Sendable {
    public let id: Int64
    public let party: Party
    public let granted: Money
    public let reserved: Money

    public var handle: Handle { party.handle }
    public var name: String { party.name }
    public var position: LimitPosition { LimitPosition(granted: granted, reserved: reserved) }
}

/// Reads and writes the parties table.
struct PartyDirectory {
    let db: Database

    static let columns = "id, handle, kind, name, country, email, verification, member_since, activated_at, violation_points, granted_usd, reserved_usd"

    func find(_ handle: Handle) throws -> PartyRecord? {
        let statement = try db.cachedStatement("SELECT \(Self.columns) FROM parties WHERE handle = ?")
        try statement.bind([.text(handle.value)])
        defer { statement.reset() }
        return try statement.step() ? try decode(statement) : nil
    }

    func find(id: Int64) throws -> PartyRecord? {
        let statement = try db.cachedStatement("SELECT \(Self.columns) FROM parties WHERE id = ?")
        try statement.bind([.int(id)])
        defer { statement.reset() }
        return try statement.step() ? try decode(statement) : nil
    }

    func require(_ handle: Handle) throws -> PartyRecord {
        guard let record = try find(handle) else { throw StoreError.unknownParty(handle.value) }
        return record
    }

    func all() throws -> [PartyRecord] {
        try db.query("SELECT \(Self.columns) FROM parties ORDER BY kind DESC, handle", [], row: decode)
    }

    @discardableResult
    func insert(_ party: Party) throws -> Int64 {
        try db.run("""
            INSERT INTO parties (handle, kind, name, country, email, verification, member_since, activated_at, violation_points)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(party.handle.value), .text(party.kind.rawValue), .text(party.name), .text(party.country), .text(party.email),
                  .text(party.verification.rawValue), .int(Int64(party.memberSince.daysSinceEpoch)),
                  Value(party.activation.activatedAt?.secondsSinceEpoch), .int(Int64(party.violationPoints))])
        return db.lastInsertRowID
    }

    /// Writes the editable fields of `party` (never its handle or kind).
    func update(_ party: Party) throws {
        try db.run("""
            UPDATE parties SET name = ?, country = ?, email = ?, verification = ?, member_since = ?, activated_at = ?,
            violation_points = ? WHERE handle = ?
            """, [.text(party.name), .text(party.country), .text(party.email), .text(party.verification.rawValue),
                  .int(Int64(party.memberSince.daysSinceEpoch)), Value(party.activation.activatedAt?.secondsSinceEpoch),
                  .int(Int64(party.violationPoints)), .text(party.handle.value)])
        // Names are copied onto orders for sorting and search; keep them in step.
        var renamed = try db.run("UPDATE orders SET supplier_name = ? WHERE supplier_id = (SELECT id FROM parties WHERE handle = ?) AND supplier_name <> ?",
                   [.text(party.name), .text(party.handle.value), .text(party.name)])
        renamed += try db.run("UPDATE orders SET buyer_name = ? WHERE buyer_id = (SELECT id FROM parties WHERE handle = ?) AND buyer_name <> ?",
                   [.text(party.name), .text(party.handle.value), .text(party.name)])
        // …and so is what the filter finds them by (a rename is rare; its orders are rewritten).
        if renamed > 0 {
            let id = try db.scalarInt("SELECT id FROM parties WHERE handle = ?", [.text(party.handle.value)]) ?? 0
            try SearchIndex(db: db).rewrite(ordersOf: id)
        }
    }

    func adjustReserved(_ supplierID: Int64, by delta: Int64) throws {
        try db.run("UPDATE parties SET reserved_usd = reserved_usd + ? WHERE id = ?", [.int(delta), .int(supplierID)])
    }

    func setGranted(_ supplierID: Int64, _ granted: Money) throws {
        try db.run("UPDATE parties SET granted_usd = ? WHERE id = ?", [.int(granted.minorUnits), .int(supplierID)])
    }

    private func decode(_ r: Statement) throws -> PartyRecord {
        let party = Party(handle: try Handle(r.text(1)), kind: try TradeGuardStore.decode(PartyKind.self, r.text(2)), name: r.text(3),
                          country: r.text(4), email: r.text(5),
                          verification: try TradeGuardStore.decode(VerificationLevel.self, r.text(6)),
                          memberSince: CalendarDate(daysSinceEpoch: Int(r.int(7))),
                          activation: r.optionalInt(8).map { .active(since: Instant(secondsSinceEpoch: $0)) } ?? .notActivated,
                          violationPoints: Int(r.int(9)))
        return PartyRecord(id: r.int(0), party: party, granted: Money(minorUnits: r.int(10), currency: .usd),
                           reserved: Money(minorUnits: r.int(11), currency: .usd))
    }
}

extension ActivationState {
    var activatedAt: Instant? { if case let .active(since) = self { return since } else { return nil } }
}

extension PartyDirectory {
    /// The columns of a party row its events record (not the running granted/reserved figures,
    /// which the ledger and the recomputes account for).
    static let eventColumns = ["handle", "kind", "name", "country", "email", "verification", "member_since", "activated_at", "violation_points"]

    /// The party's row as it now stands, in `eventColumns` order.
    func eventRow(_ handle: Handle) throws -> [Value] {
        let statement = try db.cachedStatement("SELECT \(Self.eventColumns.joined(separator: ", ")) FROM parties WHERE handle = ?")
        try statement.bind([.text(handle.value)])
        defer { statement.reset() }
        guard try statement.step() else { throw StoreError.invalid("internal error: no party \(handle)") }
        return (0..<Self.eventColumns.count).map { statement.value($0) }
    }
}
