import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// `check` finds what it must, through its streaming passes.
struct IntegrityTests {
    private func seeded(_ orders: Int = 120) throws -> (TestFolder, Store) {
        let folder = try TestFolder()
        let store = try Store(path: folder.path("i.sqlite"), timeSource: ManualTimeSource(Instant.parse("2026-11-27T09:00:00Z")!))
        _ = try Seeder.seed(store, orders: orders, seed: 4)
        return (folder, store)
    }

    /// Tampering goes around the app's triggers the way an attacker with the file would, and
    /// puts them back as they were (else `check` names the missing triggers).
    private func tamper(_ store: Store, _ sql: String) throws {
        let triggers = try store.db.query("SELECT sql FROM sqlite_schema WHERE name IN ('events_append_only_update', 'limit_ledger_append_only_update')") { $0.text(0) }
        try store.db.execute("PRAGMA foreign_keys = OFF")
        try store.db.execute("DROP TRIGGER IF EXISTS events_append_only_update")
        try store.db.execute("DROP TRIGGER IF EXISTS limit_ledger_append_only_update")
        try store.db.write { try store.db.execute(sql) }
        for trigger in triggers { try store.db.execute(trigger) }
        try store.db.execute("PRAGMA foreign_keys = ON")
    }

    @Test func streamedOrdersEqualLoadedOrders() throws {
        let (folder, store) = try DemoDataTests.build()
        defer { _ = folder }
        _ = try Seeder.seed(store, orders: 150, seed: 9)
        try store.db.read {
            var seen = 0
            try OrderStream(db: store.db, rows: store.orderRows).forEach { id, order, _ in
                seen += 1
                let expected = try store.orderRows.load(OrderCode(number: id))
                #expect(order == expected, "order \(id)")
            }
            #expect(seen == Int(try store.db.scalarInt("SELECT count(*) FROM orders") ?? 0))
        }
    }

    @Test func anEditedEventBreaksTheChain() throws {
        let (folder, store) = try seeded()
        defer { _ = folder }
        let clean = try store.check()
        #expect(clean.faults == [])
        try tamper(store, "UPDATE events SET payload = replace(payload, 'Checked', 'Checkeq') WHERE id = (SELECT min(id) FROM events WHERE payload LIKE '%Checked%')")
        #expect(try store.check().faults.contains { $0.contains("does not match its hash") })
    }

    /// The chain is verified in ranges of ids by either of check's threads (SharedChain): cut
    /// anywhere, the report is the single pass's — the first fault, the event count, the head
    /// (here the stored hash of the last readable event) and each order's event count.
    @Test func theChainInRangesReportsAsOnePass() throws {
        let (folder, store) = try seeded(60)
        defer { _ = folder }
        func reports() throws -> [IntegrityReport] {
            try [SharedChain.defaultSpan, 1, 2, 7, 64, 500].map { try store.check(chainSpan: $0) }
        }
        func expectSame(_ all: [IntegrityReport]) {
            for report in all.dropFirst() {
                #expect(report.faults == all[0].faults)
                #expect(report.events == all[0].events && report.orders == all[0].orders)
                #expect(report.chainHead == all[0].chainHead)
            }
        }
        let clean = try reports()
        #expect(clean[0].faults == [])
        expectSame(clean)
        // An edited event in the middle, then an unreadable payload on the last two events.
        try tamper(store, "UPDATE events SET payload = replace(payload, 'Checked', 'Checkeq') WHERE id = (SELECT min(id) FROM events WHERE payload LIKE '%Checked%' AND id > (SELECT max(id) / 2 FROM events))")
        try tamper(store, "UPDATE events SET payload = '{\"a\":' WHERE id >= (SELECT max(id) - 1 FROM events)")
        let tampered = try reports()
        #expect(tampered[0].faults.contains { $0.contains("does not match its hash") })
        #expect(tampered[0].chainHead != clean[0].chainHead)
        expectSame(tampered)
    }

    @Test func anEscapedOrUnsortedPayloadIsStillVerified() throws {
        let (folder, store) = try seeded(30)
        defer { _ = folder }
        // Same fields, written unsorted: the general path re-sorts them, so the hash still holds…
        try tamper(store, """
            UPDATE events SET payload = '{"total":' || json_quote(json_extract(payload, '$.total')) || ',"counterparty":' || json_quote(json_extract(payload, '$.counterparty'))
                || ',"contract":' || json_quote(json_extract(payload, '$.contract')) || '}'
            WHERE id = (SELECT min(id) FROM events WHERE action = 'draft')
            """)
        #expect(try store.check().faults == [])
        // …and an unreadable payload is named.
        try tamper(store, "UPDATE events SET payload = '{\"a\":' WHERE id = (SELECT max(id) FROM events WHERE order_id IS NOT NULL)")
        #expect(try store.check().faults.contains { $0.contains("unreadable payload") })
    }

    @Test func staleDerivedColumnsAndCountsAreFound() throws {
        let (folder, store) = try seeded()
        defer { _ = folder }
        try tamper(store, """
            UPDATE orders SET next_deadline = coalesce(next_deadline, 0) + 1, paid_advance = 0 WHERE id = (SELECT min(id) FROM orders WHERE state = 'inProduction');
            UPDATE orders SET version = version + 1 WHERE id = 3;
            DELETE FROM order_search WHERE rowid = 4;
            UPDATE order_counts SET n = n + 1 WHERE (party_id, side, state, initiator, payable) IN (SELECT party_id, side, state, initiator, payable FROM order_counts LIMIT 1);
            """)
        let faults = try store.check().faults
        #expect(faults.contains { $0.contains("next deadline is stale") })
        #expect(faults.contains { $0.contains("paid columns disagree") })
        #expect(faults.contains { $0.contains("TG-0000003") && $0.contains("audit events for version") })
        #expect(faults.contains { $0.contains("TG-0000004") && $0.contains("missing from the search index") })
    }

    @Test func ledgerFaultsAreFound() throws {
        let (folder, store) = try seeded()
        defer { _ = folder }
        let holder = try #require(try store.db.scalarInt("SELECT min(id) FROM orders WHERE state = 'inProduction' AND covered_usd > 0"))
        try tamper(store, "UPDATE orders SET covered_usd = covered_usd - 1 WHERE id = \(holder)")
        let faults = try store.check().faults
        #expect(faults.contains { $0.contains("ledger: order \(OrderCode(number: holder))") && $0.contains("covers") })
    }
}
