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
}
