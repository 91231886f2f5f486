import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Schema 2 (the holding-orders index, the covering closed-orders index) reaches a database
/// written by schema 1 the first time it is opened for writing, without changing one row.
@Suite struct SchemaUpgradeTests {
    static let now = Instant.parse("2026-11-27T09:30:00Z")!

    static func indexSQL(_ store: Store, _ name: String) throws -> String? {
        try store.db.query("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [.text(name)]) { $0.text(0) }.first
    }

    @Test func aVersionOneDatabaseIsUpgradedInPlaceAndAnswersTheSame() throws {
        let folder = try TestFolder()
        let path = folder.path("v1.sqlite")
        let supplier = DemoCast.defaultSeller
        var held: [Reservation] = []
        var lead: [LeadTime] = []
        var chain: [UInt8] = []
        do {
            let store = try Store(path: path, random: .seeded(1))
            try DemoData.build(into: store, now: Self.now)
            held = try store.heldReservations(try Handle(supplier), limit: 50)
            lead = try store.leadTimes(try Handle(supplier))
            chain = try store.check().chainHead
            // Back to exactly what schema 1 created.
            try store.db.execute("""
                DROP INDEX orders_holding; DROP INDEX orders_closed;
                CREATE INDEX orders_closed ON orders(supplier_id, ended_at) WHERE state = 'closed';
                PRAGMA user_version = 1;
                """)
            store.close()
        }
        #expect(!held.isEmpty, "the demo supplier holds reservations")

        let store = try Store(path: path, create: false)
        defer { store.close() }
        #expect(try store.db.scalarInt("PRAGMA user_version") == Int64(Store.schemaVersion))   // 3: replay start; 4: deadline columns recomputed (no objects); 5: keys; 6: folded search
        #expect(try Self.indexSQL(store, "orders_holding")?.contains(SchemaV2.holdsReservation) == true)
        #expect(try Self.indexSQL(store, "orders_closed")?.contains("total_usd, kind, received_at, confirmed_at") == true)
        #expect(try store.heldReservations(try Handle(supplier), limit: 50) == held)
        #expect(try store.leadTimes(try Handle(supplier)) == lead)
        let report = try store.check()
        #expect(report.faults == [])
        #expect(report.chainHead == chain, "no row changed")

        // The dashboard's queries use the new indexes, not a scan.
        let plan = try store.db.query("EXPLAIN QUERY PLAN SELECT o.id FROM orders o WHERE o.supplier_id = 1 AND \(SchemaV2.holdsReservation) ORDER BY o.id DESC LIMIT 8", []) { $0.text(3) }
        #expect(plan.contains { $0.contains("orders_holding") }, "\(plan)")
    }

    /// Schema 9: a refunded order whose refund a dispute made due was stored with no deadline
    /// (version 8 had none for refunded orders). The upgrade adds the refund's columns and
    /// recomputes the stored deadline columns, so the Overview shows the refund and `check`,
    /// which compares the columns with the derivation, stays clean.
    @Test func aVersionEightRefundGetsItsDeadlineOnUpgrade() throws {
        let folder = try TestFolder()
        let path = folder.path("v8.sqlite")
        let code: OrderCode
        do {
            // The demo (no refund recorded in it: a version 8 file could hold none), and the
            // completed TG-0000032 disputed and agreed at once.
            let store = try Store(path: path, random: .seeded(1))
            try DemoData.build(into: store, now: Self.now)
            code = OrderCode(number: 32)
            let order = try store.order(code)
            try #require(order.state == .completed)
            let supplier = Actor.party(order.supplier, .supplier), buyer = Actor.party(order.buyer, .buyer)
            try store.perform(.openDispute(kind: .notAsAgreed, remedy: .fullRefund, amount: nil, reason: "Flicker"), on: code, as: buyer)
            try store.perform(.agree, on: code, as: supplier)
            let id = code.number
            // What version 8 stored: no running deadline on a refunded order, no refund columns
            // (nor schema 11's escalation time).
            try store.db.execute("""
                UPDATE orders SET waiting_on = NULL, next_deadline = NULL, next_deadline_kind = NULL, deadline_sort = \(OrderRows.noDeadline) WHERE id = \(id);
                DROP INDEX disputes_escalated;
                ALTER TABLE disputes DROP COLUMN escalated_at;
                ALTER TABLE disputes DROP COLUMN refund_paid_at;
                ALTER TABLE disputes DROP COLUMN refund_reference;
                PRAGMA user_version = 8;
                """)
            store.close()
        }
        let store = try Store(path: path, create: false)
        defer { store.close() }
        #expect(try store.db.scalarInt("PRAGMA user_version") == Int64(Store.schemaVersion))
        let order = try store.order(code)
        let due = try #require(order.disputeOutcome?.refundDue)
        #expect(order.disputeOutcome?.refundPaid == nil)
        #expect(try store.db.query("SELECT waiting_on, next_deadline_kind, next_deadline FROM orders WHERE id = ?", [.int(code.number)]) {
            [$0.optionalText(0), $0.optionalText(1), $0.optionalInt(2).map(String.init)]
        }.first == [String?]( ["supplier", "refund", String(due.adding(days: 1).startUTC.secondsSinceEpoch)]))
        let faults = try store.check().faults
        #expect(faults == [], "\(faults)")
    }
}

/// Schema 11: the CHECK lists of `disputes` and `dispute_proposals` take the supplier's balance
/// claim (`balance-unpaid`, remedy `pay-balance`), edited in place; escalated disputes get the
/// time they reached the platform from their event; and the step can run again.
@Suite struct BalanceClaimSchemaTests {
    static func definitions(_ store: Store) throws -> [String] {
        try store.db.query("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name IN ('disputes', 'dispute_proposals') ORDER BY name") { $0.text(0) }
    }

    @Test func aVersionTenFileTakesBalanceClaimsAndTheStepRunsTwice() throws {
        let folder = try TestFolder()
        let path = folder.path("v10.sqlite")
        do {
            let store = try Store(path: path, random: .seeded(1))
            try DemoData.build(into: store, now: SchemaUpgradeTests.now)
            // What version 10 stored: the lists without the balance claim, no escalation time.
            try store.db.execute("DROP INDEX disputes_escalated; ALTER TABLE disputes DROP COLUMN escalated_at")
            try store.db.write {
                try store.db.editingTableDefinitions {
                    for (old, new) in [(SchemaV7.kinds, SchemaV11.kinds), (SchemaV7.remedies, SchemaV11.remedies)] {
                        try store.db.run("UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE name IN ('disputes', 'dispute_proposals')",
                                         [.text("IN (\(new))"), .text("IN (\(old))")])
                    }
                }
                try store.db.setUserVersion(10)
            }
            #expect(try Self.definitions(store).allSatisfy { !$0.contains("balance-unpaid") && !$0.contains("pay-balance") })
            store.close()
        }
        for _ in 0..<2 {
            let store = try Store(path: path, create: false)
            #expect(try store.db.userVersion() == Store.schemaVersion)
            let sql = try Self.definitions(store)
            #expect(sql.count == 2 && sql.allSatisfy { $0.contains("'pay-balance')") }, "\(sql)")
            #expect(sql.first { $0.contains("CREATE TABLE disputes") }?.contains("'damaged','balance-unpaid')") == true, "\(sql)")
            // No list grew twice.
            #expect(sql.allSatisfy { $0.components(separatedBy: "'pay-balance'").count == 2 })
            // The escalated dispute's time is its escalation event's (check replays the same).
            let escalatedAt = try store.db.query("""
                SELECT d.escalated_at, (SELECT max(e.at) FROM events e WHERE e.order_id = d.order_id AND e.action = 'escalate')
                FROM disputes d WHERE d.stage = 'escalated' AND d.resolved_at IS NULL
                """) { [$0.optionalInt(0), $0.optionalInt(1)] }
            #expect(!escalatedAt.isEmpty && escalatedAt.allSatisfy { $0[0] != nil && $0[0] == $0[1] }, "\(escalatedAt)")
            #expect(try store.check().faults == [])
            // Wound back again: the next open runs step 11 on a file that already has it.
            try store.db.write { try store.db.setUserVersion(10) }
            store.close()
        }
        // Rows of the claim are admitted now (written, then rolled back: the workflow's own
        // path is BalanceClaimCLITests'). Before the step SQLite refused them.
        let store = try Store(path: path, create: false)
        defer { store.close() }
        struct RollBack: Error {}
        #expect(throws: RollBack.self) {
            try store.db.write {
                try store.db.run("""
                    INSERT INTO disputes (order_id, reason, amount, opened_at, from_state, resolved_at, kind, stage, remedy)
                    VALUES (1, 'unpaid', 100, 0, 'completed', 1, 'balance-unpaid', 'escalated', 'pay-balance')
                    """)
                try store.db.run("""
                    INSERT INTO dispute_proposals (order_id, dispute_id, by_side, remedy, refund, note, at)
                    VALUES (1, last_insert_rowid(), 'supplier', 'pay-balance', 0, 'unpaid', 0)
                    """)
                throw RollBack()
            }
        }
    }
}
