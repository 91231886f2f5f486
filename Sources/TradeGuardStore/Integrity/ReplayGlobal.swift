import TradeGuardCore

/// The replay's global pass: parties, exchange rates and limit recomputes against the events
/// that recorded them (party events carry the party row as it then stood, rate events the rate,
/// and every event that recomputed a limit the recompute row with its inputs and terms). Reads
/// only the events that are no order's, and the closes, through their own index.
struct GlobalReplay {
    let db: Database
    /// The first event, and the first recompute row, written with full content.
    let start: Int64
    let recomputeStart: Int64

    private struct Source {
        let id: Int64, action: String, actor: String
        var label: String { "event \(ReplayFormat.grouped(id)) \(action) by \(actor)" }
    }

    func check(_ fault: (String) -> Void) throws {
        // Per party: its row as last recorded, and for each column the event that last changed it.
        var parties: [String: (row: [Value], setters: [Source])] = [:]
        var rates: [String: (values: [Value], source: Source)] = [:]
        var recomputes: [(values: [Value], source: Source)] = []
        var keys = KeyReplay()
        var tiers = TierReplay()
        let liveKeys = try KeyReplay.live(db: db)
        let events = try db.prepare("""
            SELECT id, at, actor, action, payload FROM events INDEXED BY events_global
            WHERE order_id IS NULL OR action IN (\(SchemaV7.globalActions)) ORDER BY id
            """)
        defer { events.reset() }
        while try events.step() {
            let id = events.int(0)
            guard let payload = EventPayload.decode(events.text(4)) else { continue }   // the chain pass reports it
            func value(_ key: String) -> String? { payload.first { $0.key == key }?.value }
            let source = Source(id: id, action: events.text(3), actor: events.text(2))
            if source.action == "rate.set", let code = value("currency"), let currency = Currency.named(code),
               let day = value("effective").flatMap({ try? CalendarDate.parse($0) }),
               let rate = value("rate").flatMap({ try? ExchangeRate.parse($0, currency: currency, effective: day) }) {
                // Rate events always carried the whole rate, so they replay from the first event.
                rates["\(code) \(day.daysSinceEpoch)"] = ([.int(rate.microUnitsPerUSD), .int(events.int(1))], source)
            }
            guard id >= start else { continue }
            keys.take(payload, label: source.label)
            tiers.take(action: source.action, payload: payload, label: source.label)
            if let problem = KeyReplay.misattribution(AuditEvent(actor: source.actor, action: source.action, order: nil, fromState: nil,
                                                                 toState: nil, at: Instant(secondsSinceEpoch: events.int(1)), payload: payload),
                                                      label: source.label, keys: liveKeys) {
                fault(problem)
            }
            if let row = value("partyRow").flatMap(RowEncoding.decode), case let .text(handle)? = row.first {
                var setters = parties[handle]?.setters ?? Array(repeating: source, count: row.count)
                if let previous = parties[handle]?.row, previous.count == row.count {
                    for c in row.indices where row[c] != previous[c] { setters[c] = source }
                }
                parties[handle] = (row, setters)
            }
            if let row = value("recompute").flatMap(RowEncoding.decode) { recomputes.append((row, source)) }
        }
        try compareParties(parties, fault)
        try compareRates(rates, fault)
        try compareRecomputes(recomputes, fault)
        var grants: [String: [CoverageReplay.Grant]] = [:]
        for (values, source) in recomputes {
            guard values.count == LimitKeeper.eventColumns.count, case let .text(handle) = values[0], case let .int(granted) = values[14] else { continue }
            grants[handle, default: []].append(.init(event: source.id, granted: granted))
        }
        try CoverageReplay(db: db, start: start).check(grants: grants, fault)
        try keys.compare(db: db, fault)
        try tiers.compare(db: db, fault)
    }

    private func compareParties(_ implied: [String: (row: [Value], setters: [Source])], _ fault: (String) -> Void) throws {
        let columns = PartyDirectory.eventColumns
        for (id, row) in try db.query("SELECT id, \(columns.joined(separator: ", ")) FROM parties ORDER BY id", [], row: { r in
            (r.int(0), (0..<columns.count).map { r.value(1 + $0) })
        }) {
            guard case let .text(handle) = row[0] else { continue }
            guard let (expected, setters) = implied[handle] else {
                // Before the replay start a party's events did not carry its row.
                if start == 1 { fault("parties row \(id) (\(handle)): the log has no event that made it") }
                continue
            }
            if let c = columns.indices.first(where: { row[$0] != expected[$0] }), c < setters.count {
                fault("parties row \(id) (\(handle)): \(columns[c]) is \(ReplayFormat.value(row[c], money: nil)) but the log implies "
                      + "\(ReplayFormat.value(expected[c], money: nil)) (\(setters[c].label))")
            }
        }
    }

    private func compareRates(_ implied: [String: (values: [Value], source: Source)], _ fault: (String) -> Void) throws {
        var seen: Set<String> = []
        for (currency, effective, values) in try db.query("SELECT currency, effective, micros_per_usd, set_at FROM exchange_rates ORDER BY currency, effective",
                                                          [], row: { ($0.text(0), $0.int(1), [$0.value(2), $0.value(3)]) }) {
            let key = "\(currency) \(effective)"
            seen.insert(key)
            let place = "exchange_rates row \(currency) \(CalendarDate(daysSinceEpoch: Int(effective)).iso)"
            guard let (expected, source) = implied[key] else { fault("\(place): the log implies no such rate"); continue }
            for (c, column) in ["micros_per_usd", "set_at"].enumerated() where values[c] != expected[c] {
                fault("\(place): \(column) is \(ReplayFormat.value(values[c], money: nil)) but the log implies "
                      + "\(ReplayFormat.value(expected[c], money: nil)) (\(source.label))")
                break
            }
        }
        for (key, entry) in implied.sorted(by: { $0.value.source.id < $1.value.source.id }) where !seen.contains(key) {
            fault("exchange_rates: the rate \(key) is missing that the log implies (\(entry.source.label))")
        }
    }

    private func compareRecomputes(_ implied: [(values: [Value], source: Source)], _ fault: (String) -> Void) throws {
        let columns = LimitKeeper.eventColumns
        let rows = try db.query("\(LimitKeeper.eventSelect.replacingOccurrences(of: "SELECT p.handle", with: "SELECT r.id, p.handle")) WHERE r.id >= ? ORDER BY r.id",
                                [.int(recomputeStart)]) { r in (r.int(0), (0..<columns.count).map { r.value(1 + $0) }) }
        let usd: Set<String> = ["closed_value_usd", "base_usd", "tenure_usd", "volume_usd", "count_usd", "granted_usd"]
        for i in 0..<max(rows.count, implied.count) {
            guard i < rows.count else { fault("limit_recomputes: a row is missing that the log implies (\(implied[i].source.label))"); return }
            let (id, row) = rows[i]
            guard i < implied.count else { fault("limit_recomputes row \(id): the log implies no such recompute"); return }
            if let c = columns.indices.first(where: { row[$0] != implied[i].values[$0] }) {
                let name = columns[c] == "supplier" ? "supplier_id" : columns[c]
                let unit: Currency? = usd.contains(columns[c]) ? .usd : nil
                fault("limit_recomputes row \(id): \(name) is \(ReplayFormat.value(row[c], money: unit)) but the log implies "
                      + "\(ReplayFormat.value(implied[i].values[c], money: unit)) (\(implied[i].source.label))")
                return
            }
            // Row and event agree; the event's terms must also follow from its inputs.
            if let (name, recorded, derived) = ReplayLimits.difference(row) {
                let unit: Currency? = usd.contains(name) ? .usd : nil
                fault("limit_recomputes row \(id): \(name) is \(ReplayFormat.value(recorded, money: unit)) but its inputs imply "
                      + "\(ReplayFormat.value(derived, money: unit)) (\(implied[i].source.label))")
                return
            }
        }
    }
}
