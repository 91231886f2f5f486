import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// `check` replays the log (issue 17): what the app writes replays clean, a difference is one
/// sentence naming table, row, column, found, implied and event, and history written before
/// full-content events is verified by hash only, said once.
struct ReplayTests {
    static let acme = try! Handle("acme")
    static let hanse = try! Handle("hanse")

    /// Draft → submit → confirm → pay, plus party, points and rate changes, all through the app.
    private func history() throws -> TestStore {
        let t = try TestStore()
        let s = t.store
        let order = try s.draft(TestStore.contract(), counterparty: Self.hanse, as: TestStore.supplier)
        var contract = TestStore.contract()
        contract.remarks = "Packed in crates"
        try s.perform(.edit(contract), on: order.code, as: TestStore.supplier)
        try s.perform(.submit, on: order.code, as: TestStore.supplier)
        try s.perform(.confirm, on: order.code, as: TestStore.buyer)
        try s.perform(.pay(amount: TestStore.usd(40_000), method: .card, key: try IdempotencyKey("key-1")), on: order.code, as: TestStore.buyer)
        try s.perform(.pay(amount: TestStore.usd(40_000), method: .card, key: try IdempotencyKey("key-1")), on: order.code, as: TestStore.buyer)
        var hanse = try s.parties.require(Self.hanse).party
        hanse.email = "purchasing@hanse.example"
        try s.editParty(hanse)
        try s.setViolationPoints(Self.acme, to: 4)
        try s.setRate(try ExchangeRate.parse("0.93", currency: .eur, effective: TestStore.t0.utcDate))
        return t
    }

    /// What someone with write access does to change an event and keep the chain whole: the
    /// append-only trigger dropped, the event's payload rewritten, every later hash re-chained.
    static func rewrite(event id: Int64, in store: Store, _ change: ([AuditEvent.Field]) -> [AuditEvent.Field]) throws {
        try store.db.execute("DROP TRIGGER events_append_only_update")
        var previous = try #require(try store.db.query("SELECT hash FROM events WHERE id = ?", [.int(id - 1)]) { $0.blob(0) }.first)
        let later = try store.db.query("SELECT id, at, actor, action, order_id, from_state, to_state, payload FROM events WHERE id >= ? ORDER BY id",
                                       [.int(id)]) { r in
            (r.int(0), AuditEvent(actor: r.text(2), action: r.text(3), order: r.optionalInt(4).map { OrderCode(number: $0) },
                                  fromState: r.optionalText(5).flatMap(OrderState.init), toState: r.optionalText(6).flatMap(OrderState.init),
                                  at: Instant(secondsSinceEpoch: r.int(1)), payload: EventPayload.decode(r.text(7))!))
        }
        for (eventID, event) in later {
            let e = eventID != id ? event
                : AuditEvent(actor: event.actor, action: event.action, order: event.order, fromState: event.fromState, toState: event.toState,
                             at: event.at, payload: change(event.payload))
            let hash = EventLog.link(previous: previous, event: e)
            try store.db.run("UPDATE events SET payload = ?, hash = ? WHERE id = ?", [.text(EventPayload.encode(e.payload)), .blob(hash), .int(eventID)])
            previous = hash
        }
    }

    @Test func whatTheAppWritesReplaysClean() throws {
        let t = try history()
        let report = try t.store.check()
        #expect(report.faults == [])
        #expect(report.notes == [])
    }

    @Test func aDifferenceIsOneSentenceNamingEverything() throws {
        let t = try history()
        let pay = try #require(try t.store.db.scalarInt("SELECT id FROM events WHERE action = 'pay'"))
        try t.store.db.execute("UPDATE payments SET amount = 99900 WHERE idempotency_key = 'key-1'")
        let faults = try t.store.check().faults
        #expect(faults.contains("payments row 1 (TG-0000001, idempotency_key key-1): amount is 999.00 but the log implies 400.00 (event \(pay) pay by buyer:hanse)"),
                "\(faults)")
    }

    @Test func aPartyDifferenceNamesTheEventThatSetTheValue() throws {
        let t = try history()
        let edit = try #require(try t.store.db.scalarInt("SELECT id FROM events WHERE action = 'party.edit'"))
        let add = try #require(try t.store.db.scalarInt("SELECT id FROM events WHERE action = 'party.add' AND payload LIKE '%\"party\":\"hanse\"%'"))
        try t.store.db.execute("UPDATE parties SET email = 'x@evil.example', country = 'FR' WHERE handle = 'hanse'")
        let faults = try t.store.check().faults
        #expect(faults.contains { $0.hasPrefix("parties row") && $0.contains("(hanse): country is \"FR\" but the log implies \"DE\" (event \(add) party.add by platform:platform)") }, "\(faults)")
        try t.store.db.execute("UPDATE parties SET country = 'DE' WHERE handle = 'hanse'")
        #expect(try t.store.check().faults.contains { $0.contains("(hanse): email is \"x@evil.example\" but the log implies \"purchasing@hanse.example\" (event \(edit) party.edit by platform:platform)") })
    }

    @Test func aRecomputeWhoseTermsDoNotFollowFromItsInputsIsNamed() throws {
        let t = try history()
        let row = try #require(try t.store.db.query("\(LimitKeeper.eventSelect) ORDER BY r.id DESC LIMIT 1", []) { r in
            (0..<LimitKeeper.eventColumns.count).map { r.value($0) } }.first)
        #expect(ReplayLimits.difference(row) == nil)
        var forged = row
        forged[14] = .int(100_000_000)
        let found = try #require(ReplayLimits.difference(forged))
        #expect(found.column == "granted_usd" && found.derived == row[14])
        // Another verification level with the base left as it was: the base no longer follows.
        forged = row
        forged[4] = .text(row[4] == .text("onsite") ? "none" : "onsite")
        #expect(ReplayLimits.difference(forged)?.column == "base_usd")
    }

    @Test func aChangedEventThatStillHashesIsRefusedByTheWorkflow() throws {
        // Someone rewrites the confirm event's coverage and re-chains every later event: the
        // chain holds, but the workflow derives the uncovered part from the covered one.
        let t = try history()
        let confirm = try #require(try t.store.db.scalarInt("SELECT id FROM events WHERE action = 'confirm'"))
        try Self.rewrite(event: confirm, in: t.store) { $0.map { $0.key == "covered" ? .init("covered", "1.00") : $0 } }
        let faults = try t.store.check().faults
        #expect(!faults.contains { $0.contains("does not match its hash") }, "\(faults)")
        #expect(faults.contains { $0.contains("TG-0000001: event \(confirm) confirm by buyer:hanse records uncovered as") },
                "\(faults)")
    }

    /// The order replay decides a confirmation again with the coverage its event recorded: the
    /// limit free then is a fact of the supplier's other orders. A confirm that reserved more
    /// than was free — written by a faulty platform, or by someone who re-chained the log and
    /// made every table agree — is found by the coverage pass.
    @Test func aReservationLargerThanTheFreeLimitIsNamed() throws {
        let t = try TestStore()
        let s = t.store
        let order = try s.draft(TestStore.contract(), counterparty: Self.hanse, as: TestStore.supplier)
        try s.perform(.submit, on: order.code, as: TestStore.supplier)
        // 48 points suspend acme: its recompute grants 0, so the confirmation covers nothing.
        try s.setViolationPoints(Self.acme, to: 48)
        try s.perform(.confirm, on: order.code, as: TestStore.buyer)
        #expect(try s.order(order.code).coverage?.covered == TestStore.usd(0))
        #expect(try s.check().faults == [])

        // The forgery: the confirm covers the whole US$1,344.97, the log re-chained after it,
        // and the order, the ledger and the supplier's reserved total made to agree.
        let confirm = try #require(try s.db.scalarInt("SELECT id FROM events WHERE action = 'confirm'"))
        try Self.rewrite(event: confirm, in: s) { payload in
            payload.map { $0.key == "covered" ? .init("covered", "1344.97") : $0.key == "uncovered" ? .init("uncovered", "0.00") : $0 }
        }
        try s.db.run("UPDATE orders SET covered_usd = total_usd WHERE id = ?", [.int(order.code.number)])
        try s.db.run("UPDATE parties SET reserved_usd = 134497 WHERE handle = 'acme'")
        try s.db.run("""
            INSERT INTO limit_ledger (supplier_id, order_id, kind, amount_usd, rate_micros, at, event_id)
            SELECT supplier_id, id, 'reserve', 134497, rate_micros, ?, ? FROM orders WHERE id = ?
            """, [.int(TestStore.t0.secondsSinceEpoch), .int(confirm), .int(order.code.number)])
        let faults = try s.check().faults
        #expect(faults.contains("limit_ledger row 1 (TG-0000001): amount_usd is US$1,344.97 but the log implies at most US$0.00, what acme's limit "
                                + "had free at event \(ReplayFormat.grouped(confirm)) (granted US$0.00, reserved US$0.00)"), "\(faults)")
        // The order's own replay finds nothing: the event, the order and its ledger agree. (The
        // dropped trigger and the anchor kept beside the file name the re-chaining itself; a
        // faulty platform that wrote such a confirm in the first place would leave neither.)
        #expect(faults.count == 3 && faults.contains { $0.hasPrefix("schema: trigger events_append_only_update") }
                && faults.contains { $0.hasPrefix("anchor:") }, "\(faults)")
    }

    @Test func eventsBeforeTheReplayStartAreVerifiedByHashOnly() throws {
        let t = try TestStore()
        let s = t.store
        // An order as an older release wrote it: the draft event records only the counterparty and the total.
        try s.db.write {
            let order = Order(code: OrderCode(number: 1), supplier: Self.acme, buyer: Self.hanse, initiator: .supplier,
                              contract: TestStore.contract(), createdAt: TestStore.t0)
            try s.orderRows.insert(order, estimateUSD: 0)
            try s.events.append(AuditEvent(actor: TestStore.supplier.description, action: "draft", order: order.code, fromState: nil, toState: .draft,
                                           at: TestStore.t0, payload: [.init("total", MoneyFormat.decimal(order.total)), .init("counterparty", "hanse")]),
                                orderID: 1)
        }
        // Then the upgrade to schema 3 (on a file that never had it), and new work after it.
        try s.db.execute("DROP TABLE replay_start; DROP INDEX events_global; PRAGMA user_version = 2")
        let upgraded = try Store(path: t.path, create: false, timeSource: t.clock, random: .seeded(1))
        defer { upgraded.close() }
        let start = try #require(try upgraded.db.scalarInt("SELECT event_id FROM replay_start"))
        try upgraded.draft(TestStore.contract(), counterparty: Self.hanse, as: TestStore.supplier)
        let report = try upgraded.check()
        #expect(report.faults == [])
        #expect(report.notes == ["events before \(start) are pre-replay (written by an older version); they are verified by hash only"])
        // The new order is replayed; the old one is not (its log cannot say what was agreed).
        try upgraded.db.execute("UPDATE orders SET remarks = 'changed' WHERE id IN (1, 2)")
        let faults = try upgraded.check().faults
        #expect(faults.contains { $0.hasPrefix("orders row 2 (TG-0000002): remarks is") })
        #expect(!faults.contains { $0.contains("TG-0000001") })
    }

    @Test func movingTheReplayStartPastFullContentIsReported() throws {
        let t = try history()
        try t.store.db.execute("DROP TRIGGER replay_start_fixed_update; UPDATE replay_start SET event_id = 1000")
        let faults = try t.store.check().faults
        #expect(faults.contains { $0.contains("TG-0000001 begins with a full-content event") && $0.contains("the start was moved") }, "\(faults)")
    }
}
