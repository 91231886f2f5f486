import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Issue 17: the record proves itself. Someone who can write the database file (but not read
/// the key beside it) edits it around the app; `check` must notice.
struct AnchorTamperTests {
    typealias T = TestStore

    /// A confirmed order with one advance payment as the newest event.
    private func paidOrder() throws -> (TestStore, OrderCode) {
        let t = try TestStore()
        let order = try t.store.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        _ = try t.store.perform(.submit, on: order.code, as: T.supplier)
        _ = try t.store.perform(.confirm, on: order.code, as: T.buyer)
        // What the payment changes, kept as it was so the tampering can put it back.
        try t.store.db.execute("""
            CREATE TEMP TABLE order_before AS SELECT * FROM orders WHERE id = \(order.code.number);
            CREATE TEMP TABLE counts_before AS SELECT * FROM order_counts;
            """)
        _ = try t.store.perform(.pay(amount: T.usd(10_000), method: .tt, key: try IdempotencyKey("adv-1")), on: order.code, as: T.buyer)
        #expect(try t.store.check().faults == [])
        return (t, order.code)
    }

    /// Runs `sql` the way an attacker with the file and the `sqlite3` shell would.
    private func tamper(_ store: Store, _ sql: String) throws {
        try store.db.execute("PRAGMA foreign_keys = OFF")
        try store.db.write { try store.db.execute(sql) }
        try store.db.execute("PRAGMA foreign_keys = ON")
    }

    /// The finding: drop the trigger, delete the last `pay` event and its payment row, and put
    /// the order (one version back) and the tab counters as they were before the payment; the
    /// chain that is left is a valid prefix, so only the anchor can tell.
    private func erasePayment(_ store: Store, _ code: OrderCode) throws {
        try tamper(store, """
            DROP TRIGGER events_append_only_delete;
            DELETE FROM events WHERE id = (SELECT max(id) FROM events);
            DELETE FROM payments WHERE order_id = \(code.number);
            DELETE FROM orders WHERE id = \(code.number);
            INSERT INTO orders SELECT * FROM temp.order_before;
            DELETE FROM order_counts;
            INSERT INTO order_counts SELECT * FROM temp.counts_before;
            CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
            """)
    }

    @Test func anErasedPaymentIsCaughtByTheAnchor() throws {
        let (t, code) = try paidOrder()
        let events = try #require(try t.store.db.scalarInt("SELECT max(id) FROM events"))
        try erasePayment(t.store, code)
        let faults = try t.store.check().faults
        #expect(faults.contains { $0.contains("ends at event \(events - 1)") && $0.contains("event \(events) was anchored on") }, "\(faults)")
    }

    @Test func aDroppedTriggerIsNamed() throws {
        let t = try TestStore()
        try tamper(t.store, "DROP TRIGGER limit_ledger_append_only_delete")
        let faults = try t.store.check().faults
        #expect(faults.contains { $0.contains("limit_ledger_append_only_delete") && $0.contains("missing") }, "\(faults)")
    }

    @Test func anAlteredTriggerIsNamed() throws {
        let t = try TestStore()
        try tamper(t.store, """
            DROP TRIGGER events_append_only_update;
            CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events WHEN 0
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
            """)
        let faults = try t.store.check().faults
        #expect(faults.contains { $0.contains("events_append_only_update") && $0.contains("differs") }, "\(faults)")
    }

    @Test func anExtraTriggerOrIndexIsNamed() throws {
        let t = try TestStore()
        try tamper(t.store, """
            CREATE INDEX payments_by_amount ON payments(amount);
            CREATE TRIGGER payments_forget AFTER INSERT ON payments BEGIN DELETE FROM payments WHERE id = new.id; END;
            """)
        let faults = try t.store.check().faults
        #expect(faults.contains { $0.contains("index payments_by_amount") && $0.contains("not one this version creates") }, "\(faults)")
        #expect(faults.contains { $0.contains("trigger payments_forget") }, "\(faults)")
    }

    @Test func anEditedAnchorIsCaught() throws {
        let (t, _) = try paidOrder()
        let anchor = t.path + ".anchor"
        let text = try String(contentsOfFile: anchor, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        // The last line's keyed hash, one digit changed.
        var fields = lines[lines.count - 1].split(separator: " ").map(String.init)
        fields[1] = (fields[1].first == "0" ? "1" : "0") + fields[1].dropFirst()
        lines[lines.count - 1] = fields.joined(separator: " ")
        try (lines.joined(separator: "\n") + "\n").write(toFile: anchor, atomically: false, encoding: .utf8)
        let faults = try t.store.check().faults
        #expect(faults.contains { $0.contains("event \(fields[0])") && $0.contains("differs from") }, "\(faults)")
    }

    /// A rewritten history (edit an old event, re-hash everything after it) keeps the chain
    /// valid; the anchored keyed heads cannot be recomputed without the key.
    @Test func aRehashedHistoryIsCaughtByTheKeyedAnchor() throws {
        let (t, _) = try paidOrder()
        try tamper(t.store, "DROP TRIGGER events_append_only_update")
        let rows = try t.store.db.query("SELECT id, at, actor, action, order_id, from_state, to_state, payload FROM events ORDER BY id") { s in
            (s.int(0), AuditEvent(actor: s.text(2), action: s.text(3), order: s.optionalInt(4).map { OrderCode(number: $0) },
                                  fromState: s.optionalText(5).flatMap(OrderState.init), toState: s.optionalText(6).flatMap(OrderState.init),
                                  at: Instant(secondsSinceEpoch: s.int(1)), payload: EventPayload.decode(s.text(7)) ?? []))
        }
        var previous = EventLog.genesis
        try t.store.db.write {
            for (id, event) in rows {
                var event = event
                if id == 2 {
                    event = AuditEvent(actor: event.actor, action: event.action, order: event.order, fromState: event.fromState, toState: event.toState,
                                       at: event.at, payload: event.payload.map { $0.key == "name" ? .init("name", "Someone Else") : $0 })
                }
                previous = EventLog.link(previous: previous, event: event)
                try t.store.db.run("UPDATE events SET payload = ?, hash = ? WHERE id = ?", [.text(EventPayload.encode(event.payload)), .blob(previous), .int(id)])
            }
        }
        let faults = try t.store.check().faults
        #expect(!faults.contains { $0.contains("audit chain") }, "the chain itself is consistent: \(faults)")
        #expect(faults.contains { $0.contains("differs from what was anchored") }, "\(faults)")
    }
}
