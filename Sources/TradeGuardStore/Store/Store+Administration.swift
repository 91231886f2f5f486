import TradeGuardCore

/// Changes that are not order actions: creating the database, parties, activation, violation
/// points, exchange rates, the simulated clock and the timeout sweep. Each goes through the same
/// gate as order actions: one transaction, one audit event.
extension Store {
    /// Writes the settings row and the platform party into a fresh, empty database.
    public func initialise(kind: DatabaseKind, at start: Instant) throws {
        if isReadOnly { throw StoreError.readOnly }
        let recorder = EventRecorder(log: events)
        do {
            try db.write {
                guard try db.scalarInt("SELECT count(*) FROM settings") == 0 else {
                    throw StoreError.invalid("The database at \(path) is already initialised.")
                }
                try db.run("INSERT INTO settings (id, kind, clock, created_at) VALUES (1, ?, ?, ?)",
                           [.text(kind.rawValue), kind == .demo ? .int(start.secondsSinceEpoch) : .null, .int(start.secondsSinceEpoch)])
                try parties.insert(Party(handle: .platform, kind: .platform, name: "TradeGuard Platform", country: "SG",
                                         email: "operations@tradeguard.example", memberSince: start.utcDate))
                try recorder.record(AuditEvent(actor: "system", action: "database.create", order: nil, fromState: nil,
                                                                  toState: nil, at: start, payload: [
                                                                      .init("kind", kind.rawValue), .init("party", Handle.platform.value),
                                                                      .init("partyRow", RowEncoding.encode(try parties.eventRow(.platform)))]))
            }
        } catch { throw StoreError.wrap(error) }
        if let id = recorder.lastID, let hash = recorder.lastHash { anchorCommitted(sequence: id, hash: hash) }
    }

    // MARK: Parties

    public func addParty(_ party: Party, as actor: Actor = .platform) throws {
        try transact { now, recorder in
            try requirePlatform(actor)
            guard try parties.find(party.handle) == nil else { throw StoreError.invalid("The handle '\(party.handle)' is taken.") }
            guard party.kind != .platform else { throw StoreError.invalid("There is only one platform party.") }
            try requireMembershipStarted(party.memberSince, now: now)
            let id = try parties.insert(party)
            if party.kind == .supplier, let record = try parties.find(id: id) {
                try limits.recompute(record, reason: "party added", at: now)
            }
            try recorder.record(try partyEvent(actor, "party.add", party.handle, now, [.init("kind", party.kind.rawValue), .init("name", party.name)],
                                               recomputed: party.kind == .supplier))
        }
    }

    public func editParty(_ party: Party, as actor: Actor = .platform) throws {
        try transact { now, recorder in
            try requirePlatform(actor)
            let current = try parties.require(party.handle)
            guard current.party.kind == party.kind else { throw StoreError.invalid("A party's kind cannot change.") }
            if party.memberSince != current.party.memberSince { try requireMembershipStarted(party.memberSince, now: now) }
            try parties.update(party)
            if party.kind == .supplier { try limits.recompute(try parties.require(party.handle), reason: "party edited", at: now) }
            try recorder.record(try partyEvent(actor, "party.edit", party.handle, now,
                                               [.init("name", party.name), .init("verification", party.verification.rawValue)],
                                               recomputed: party.kind == .supplier))
        }
    }

    /// A membership cannot begin after today on this database's clock (a demo database's is
    /// simulated): a future start would count tenure the party has not earned.
    func requireMembershipStarted(_ since: CalendarDate, now: Instant) throws {
        guard since <= now.utcDate else {
            throw StoreError.invalid("Member since \(since.iso) is in the future: it is \(now.utcDate.iso) on this database's clock.")
        }
    }

    /// Sets a supplier's violation points (platform only); 48 or more suspends the service.
    public func setViolationPoints(_ handle: Handle, to points: Int, as actor: Actor = .platform) throws {
        try transact { now, recorder in
            try requirePlatform(actor)
            guard (0...1000).contains(points) else { throw StoreError.invalid("Violation points are 0 to 1000 (got \(points)).") }
            var record = try parties.require(handle)
            guard record.party.kind == .supplier else { throw StoreError.invalid("Only suppliers carry violation points.") }
            var party = record.party
            party.violationPoints = points
            try parties.update(party)
            record = try parties.require(handle)
            let breakdown = try limits.recompute(record, reason: "violation points set to \(points)", at: now)
            try recorder.record(try partyEvent(actor, "party.points", handle, now,
                                               [.init("points", String(points)), .init("granted", MoneyFormat.decimal(breakdown.granted))],
                                               recomputed: true))
        }
    }

    /// A supplier turns credit protection on; its limit is computed at once.
    public func activate(_ handle: Handle, as actor: Actor) throws -> LimitFormula.Breakdown {
        try transact { now, recorder in
            guard actor.handle == handle || actor.kind == .platform else {
                throw StoreError.invalid("Only the supplier itself (or the platform) can activate its service.")
            }
            let record = try parties.require(handle)
            guard record.party.kind == .supplier else { throw StoreError.invalid("Only suppliers activate credit protection.") }
            guard !record.party.activation.isActive else { throw StoreError.invalid("Credit protection is already active for '\(handle)'.") }
            var party = record.party
            party.activation = .active(since: now)
            try parties.update(party)
            let breakdown = try limits.recompute(try parties.require(handle), reason: "service activated", at: now)
            try recorder.record(try partyEvent(actor, "activate", handle, now, [.init("granted", MoneyFormat.decimal(breakdown.granted))],
                                               recomputed: true))
            return breakdown
        }
    }

    // MARK: Rates

    public func setRate(_ rate: ExchangeRate, as actor: Actor = .platform) throws {
        try transact { now, recorder in
            try requirePlatform(actor)
            guard rate.currency != .usd else { throw StoreError.invalid("The limit is kept in USD; USD needs no rate.") }
            try rate.checkPlausible(after: try self.rate(for: rate.currency, on: rate.effective))
            try insertRate(rate, as: actor, at: now, recorder: recorder)
        }
    }

    /// The rate row and its audit event, inside the caller's write transaction.
    func insertRate(_ rate: ExchangeRate, as actor: Actor, at now: Instant, recorder: EventRecorder? = nil) throws {
        try db.run("""
            INSERT INTO exchange_rates (currency, effective, micros_per_usd, set_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (currency, effective) DO UPDATE SET micros_per_usd = excluded.micros_per_usd, set_at = excluded.set_at
            """, [.text(rate.currency.code), .int(Int64(rate.effective.daysSinceEpoch)), .int(rate.microUnitsPerUSD), .int(now.secondsSinceEpoch)])
        let event = AuditEvent(actor: actor.description, action: "rate.set", order: nil, fromState: nil, toState: nil, at: now,
                               payload: [.init("currency", rate.currency.code), .init("rate", rate.decimalString),
                                         .init("effective", rate.effective.iso)])
        if let recorder { try recorder.record(event) } else { try events.append(event, orderID: nil) }
    }

    // MARK: Clock

    /// Moves a demo database's simulated clock forward (never back: deadlines already applied stay applied).
    @discardableResult
    public func advanceClock(by step: ClockStep, as actor: Actor = .system) throws -> Instant {
        try setClock { $0.adding(seconds: step.seconds) }
    }

    @discardableResult
    public func setClock(to instant: Instant) throws -> Instant {
        try setClock { _ in instant }
    }

    private func setClock(_ next: (Instant) -> Instant) throws -> Instant {
        try transact { now, recorder in
            guard try db.scalarInt("SELECT clock FROM settings WHERE id = 1") != nil else {
                throw StoreError.demoOnly("Changing the clock")
            }
            let target = next(now)
            guard target >= now else { throw StoreError.invalid("The clock only moves forward (it is \(now) now).") }
            try db.run("UPDATE settings SET clock = ? WHERE id = 1", [.int(target.secondsSinceEpoch)])
            try recorder.record(AuditEvent(actor: "system", action: "clock.set", order: nil, fromState: nil, toState: nil, at: target,
                                           payload: [.init("from", now.iso8601), .init("to", target.iso8601)]))
            return target
        }
    }

    // MARK: Sweep

    /// Applies every timeout that is due, each in its own transaction, and returns what it did.
    /// Indexed on `timeout_at`: cheap when nothing is due. Each pass walks the due rows once, in
    /// (timeout_at, id) order, so a row whose stored timeout the domain does not find due (one an
    /// older release wrote) is passed over rather than read again forever; another pass follows
    /// only when this one changed or lost a race on something.
    @discardableResult
    public func sweep(limit: Int = 10_000) throws -> [(OrderCode, OrderAction)] {
        var applied: [(OrderCode, OrderAction)] = []
        var again = true
        while again, applied.count < limit {
            again = false
            let now = try self.now()
            var after: (at: Int64, id: Int64) = (Int64.min, 0)
            while applied.count < limit {
                let due = try read {
                    try db.query("""
                        SELECT timeout_at, id FROM orders WHERE timeout_at <= ?1 AND timeout_at >= ?2 AND (timeout_at > ?2 OR id > ?3)
                        ORDER BY timeout_at, id LIMIT 200
                        """, [.int(now.secondsSinceEpoch), .int(after.at), .int(after.id)]) { (at: $0.int(0), id: $0.int(1)) }
                }
                guard let last = due.last else { break }
                after = last
                for row in due where applied.count < limit {
                    let code = OrderCode(number: row.id)
                    let order = try self.order(code)
                    guard let command = order.dueTimeout(at: now) else { continue }
                    do {
                        try perform(command, on: code, as: .system, expectedVersion: order.version)
                        applied.append((code, command.action))
                    } catch let error as StoreError where error.isRetryable {
                        // Someone acted on it meanwhile; the next pass sees the new state.
                    }
                    again = true
                }
            }
        }
        return applied
    }

    // MARK: Helpers

    func requirePlatform(_ actor: Actor) throws {
        guard actor.kind == .platform else { throw StoreError.invalid("Only the platform can do that.") }
    }

    /// A party's event, carrying the party's row as it now stands ("partyRow") and, when the
    /// change recomputed its limit, that recompute row with its inputs and terms ("recompute"):
    /// the complete decision, so `check` can compare both tables with the log.
    func partyEvent(_ actor: Actor, _ action: String, _ handle: Handle, _ now: Instant, _ payload: [AuditEvent.Field],
                    recomputed: Bool = false) throws -> AuditEvent {
        var fields = payload + [.init("party", handle.value), .init("partyRow", RowEncoding.encode(try parties.eventRow(handle)))]
        if recomputed { fields.append(try limits.lastRecomputeField(handle)) }
        return AuditEvent(actor: actor.description, action: action, order: nil, fromState: nil, toState: nil, at: now, payload: fields)
    }
}
