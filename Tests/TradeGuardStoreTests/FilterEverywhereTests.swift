import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// The filter finds what people type (issue 19 item 5): unaccented spellings, one- and
/// two-character CJK words, handles, states, carriers and tracking numbers, in any queue — and
/// keeps finding them after a rename, a shipment, and an upgrade from schema 4.
@Suite(.serialized) struct FilterEverywhereTests {
    nonisolated(unsafe) static let shared: (TestFolder, Store) = try! DemoDataTests.build()
    var store: Store { Self.shared.1 }

    /// Every supplier's matches for `text` (a buyer's name is searched from the suppliers' side).
    func suppliersFind(_ text: String, scope: OrderScope = .all) throws -> [OrderListing] {
        try store.allParties().filter { $0.party.kind == .supplier }
            .flatMap { try store.searchOrders(for: $0.handle, side: .supplier, scope: scope, text: text, limit: 1_000).rows }
    }

    @Test(arguments: [("Yildiz", "Yıldız Ev Tekstili A.Ş."), ("Elegance", "Boutique Élégance SARL"), ("kuchen", "Hanse Küchen GmbH"),
                      ("田中", "株式会社田中商事"), ("田", "株式会社田中商事"), ("tanaka-shoji", "株式会社田中商事")])
    func unaccentedShortAndHandleSpellingsFindTheBuyer(_ pair: (String, String)) throws {
        let found = try suppliersFind(pair.0)
        #expect(!found.isEmpty, "\(pair.0) found nothing")
        #expect(found.allSatisfy { $0.buyerName == pair.1 }, "\(pair.0): \(Set(found.map(\.buyerName)))")
    }

    @Test func aStateFindsEveryOrderInIt() throws {
        for supplier in try store.allParties().filter({ $0.party.kind == .supplier }) {
            let inProduction = try store.listOrders(for: supplier.handle, side: .supplier, scope: .state(.inProduction), sort: .deadline, limit: 1_000)
            let found = try store.searchOrders(for: supplier.handle, side: .supplier, text: "In Production", limit: 1_000).rows
            #expect(Set(inProduction.map(\.code)).isSubset(of: Set(found.map(\.code))), "\(supplier.handle)")
        }
    }

    @Test func eachQueueFiltersItsOwnOrdersOnly() throws {
        for queue in OrderQueue.allCases where queue != .hidden {
            for supplier in try store.allParties().filter({ $0.party.kind == .supplier }) {
                let members = Set(try store.listOrders(for: supplier.handle, side: .supplier, scope: .queue(queue), sort: .deadline, limit: 10_000).map(\.code))
                let found = try store.searchOrders(for: supplier.handle, side: .supplier, scope: .queue(queue), text: "tg-", limit: 1_000)
                #expect(Set(found.rows.map(\.code)) == members, "\(supplier.handle) \(queue)")
                #expect(found.matchCount == members.count)
            }
        }
    }

    @Test func aShipmentIsFoundByCarrierAndTrackingAndARenameByTheNewName() throws {
        let (folder, store) = try DemoDataTests.build()
        defer { store.close(); _ = folder }
        let ready = try #require(try store.listOrders(for: DemoCast.bright, side: .supplier, scope: .state(.readyToShip), sort: .deadline).first)
        let order = try store.order(ready.code)
        try store.perform(.ship(carrier: "Hapag-Lloyd", tracking: "HLCU-ZX81920"), on: order.code, as: .party(order.supplier, .supplier))
        #expect(try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "hlcu-zx8").rows.map(\.code) == [order.code])
        #expect(try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "HAPAG").rows.contains { $0.code == order.code })

        var yildiz = try store.party(DemoCast.yildiz).party
        yildiz.name = "Anadolu Dokuma A.Ş."
        try store.editParty(yildiz)
        let seller = try store.order(try #require(try store.listOrders(for: DemoCast.yildiz, side: .buyer).first).code).supplier
        #expect(!(try store.searchOrders(for: seller, side: .supplier, text: "Anadolu").rows.isEmpty))
        #expect(try store.searchOrders(for: seller, side: .supplier, text: "Yildiz Ev").rows.isEmpty)
        #expect(try store.check().faults == [])
    }

    @Test func upgradingFromSchema4BuildsTheFoldedIndex() throws {
        let folder = try TestFolder()
        let path = folder.path("old.sqlite")
        do {
            let store = try Store(path: path, random: .seeded(1))
            try DemoData.build(into: store, now: DemoDataTests.now)
            // What schema 4 had: the unfolded trigram table and no short pieces.
            try store.db.write {
                try store.db.execute("""
                    DROP TABLE order_grams;
                    DROP TABLE order_search;
                    CREATE VIRTUAL TABLE order_search USING fts5(code, supplier_name, buyer_name, lines, tokenize = 'trigram');
                    INSERT INTO order_search (rowid, code, supplier_name, buyer_name, lines) SELECT id, 'TG-' || id, supplier_name, buyer_name, '' FROM orders;
                    """)
                try store.db.setUserVersion(4)
            }
            store.close()
        }
        let store = try Store(path: path, random: .seeded(1))
        defer { store.close() }
        #expect(try store.db.userVersion() == Store.schemaVersion)
        #expect(!(try store.searchOrders(for: DemoCast.hanse, side: .buyer, text: "shenzhen-bright").rows.isEmpty))
        let tanaka = try store.searchOrders(for: DemoCast.tanaka, side: .buyer, text: "tg-", limit: 1_000).rows
        #expect(tanaka.count == (try store.listOrders(for: DemoCast.tanaka, side: .buyer, limit: 1_000).count))
        #expect(try store.check().faults == [])
    }
}
