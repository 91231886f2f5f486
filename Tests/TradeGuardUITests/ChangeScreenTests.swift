import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Issue 21 on screen: both parties see the change waiting with its term-by-term diff, and the
/// extension ledger warns from the second extension on. Golden screens, reviewed.
@Suite(.serialized) struct ChangeScreenTests {
    /// A demo database where one of Shenzhen Bright's orders in production was extended twice
    /// and has a third extension and a buyer's change of address waiting.
    static func amended() throws -> (UIFixture.Folder, Store, OrderCode) {
        let (folder, store) = try UIFixture.demo()
        let supplier = try Handle("shenzhen-bright")
        let id = try #require(try store.db.scalarInt("""
            SELECT o.id FROM orders o JOIN parties s ON s.id = o.supplier_id
            WHERE s.handle = 'shenzhen-bright' AND o.state = 'inProduction' ORDER BY o.id LIMIT 1
            """))
        let code = OrderCode(number: id)
        let order = try store.order(code)
        let seller = Actor.party(supplier, .supplier), buyer = Actor.party(order.buyer, .buyer)
        for (days, reason) in [(20, "Injection mould repaired"), (14, "Port congestion at Yantian")] {
            try store.perform(.requestExtension(days: days, reason: reason), on: code, as: seller)
            try store.perform(.acceptExtension, on: code, as: buyer)
        }
        try store.perform(.requestExtension(days: 10, reason: "Chinese New Year closure"), on: code, as: seller)
        var moved = order.contract
        moved.destination = "Bay Warehouse 3, Nanko, Osaka"
        try store.perform(.proposeChange(moved, routeFreight: nil, reason: "Osaka warehouse takes the goods"), on: code, as: buyer)
        return (folder, store, code)
    }

    func screen(_ store: Store, as handle: String, code: OrderCode, rows: Int = 40, cols: Int = 120) throws -> ScriptRunner {
        let (_, runner) = try UIFixture.app(store, as: handle, rows: rows, cols: cols)
        try runner.run(Script.parse("key 7\ntype \"/\"\ntype \"\(code.text)\"\nkey Enter Enter", name: "test"))
        return runner
    }

    @Test func bothPartiesSeeTheChangeAndTheLedger() throws {
        let (folder, store, code) = try Self.amended()
        defer { _ = folder }
        let buyer = try store.order(code).buyer.value
        let seller = try screen(store, as: "shenzhen-bright", code: code)
        UIFixture.expectGolden("detail-change-seller-120x40", seller)
        let text = seller.terminal.screen.text
        #expect(text.contains("Change 1 proposed by the buyer, waiting for the supplier"))
        #expect(text.contains("Warning: extended 2 times, 34 of 90 days used"))
        let other = try screen(store, as: buyer, code: code)
        UIFixture.expectGolden("detail-change-buyer-120x40", other)
        #expect(other.terminal.screen.text.contains("Change 1 proposed by the buyer, waiting for the supplier"))
    }

    @Test func theSupplierAcceptsByKeyAndTheContractMoves() throws {
        let (folder, store, code) = try Self.amended()
        defer { _ = folder }
        let runner = try screen(store, as: "shenzhen-bright", code: code)
        try runner.run(Script.parse("key O\nexpect \"Accept change 1 to \(code.text)?\"\nkey y", name: "test"))
        let order = try store.order(code)
        #expect(order.contract.destination == "Bay Warehouse 3, Nanko, Osaka" && order.contractVersion == 2)
        #expect(runner.terminal.screen.text.contains("version 2: changed after confirmation"))
        #expect(try store.check().faults == [])
    }

    @Test func theSupplierProposesANewPriceThroughTheForm() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let id = try #require(try store.db.scalarInt("""
            SELECT o.id FROM orders o JOIN parties s ON s.id = o.supplier_id
            WHERE s.handle = 'shenzhen-bright' AND o.state = 'awaitingPayment' ORDER BY o.id LIMIT 1
            """))
        let code = OrderCode(number: id)
        let before = try store.order(code)
        let runner = try screen(store, as: "shenzhen-bright", code: code)
        // Blank fields stay as they are: a price for line 1 and a reason.
        try runner.run(Script.parse("""
            key C
            expect "Propose a change: \(code.text)"
            type "1:10.00"
            key Tab Tab Tab Tab Tab
            type "Volume discount"
            key Enter
            """, name: "test"))
        let after = try store.order(code)
        let pending = try #require(after.pendingAmendment, "\(runner.terminal.screen.text)")
        #expect(pending.contract.lines[0].unitPrice.minorUnits == 1_000 && pending.reason == "Volume discount")
        #expect(after.contract == before.contract)
        #expect(runner.terminal.screen.text.contains("Change 1 proposed by the supplier, waiting for the buyer"))
        // The history says it in words (it is further down the detail).
        let last = try #require(try store.events(of: code).last?.event)
        #expect(HistoryWords.what(last, currency: after.currency) == "Proposed change 1: price")
    }

    /// The buyer accepting a new price sees what the supplier's limit will cover afterwards —
    /// the workflow's own decision — and accepting moves the coverage with the total (issue 21).
    @Test func acceptingANewPriceShowsAndMovesTheCoverage() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let id = try #require(try store.db.scalarInt("""
            SELECT o.id FROM orders o JOIN parties s ON s.id = o.supplier_id
            WHERE s.handle = 'shenzhen-bright' AND o.state = 'awaitingPayment' AND o.covered_usd = o.total_usd ORDER BY o.id LIMIT 1
            """))
        let code = OrderCode(number: id)
        var cheaper = try store.order(code).contract
        cheaper.lines[0].unitPrice = Money(minorUnits: cheaper.lines[0].unitPrice.minorUnits / 2, currency: cheaper.currency)
        let supplier = try store.order(code).supplier
        try store.perform(.proposeChange(cheaper, routeFreight: nil, reason: "Half price"), on: code, as: .party(supplier, .supplier))
        let before = try store.order(code)
        let runner = try screen(store, as: before.buyer.value, code: code)
        try runner.run(Script.parse("key O\nexpect \"Accept change 1 to \(code.text)?\"", name: "test"))
        let expected = try #require(try before.coverage?.rate.toUSD(cheaper.total()))
        #expect(runner.terminal.screen.text.contains("Covered after the change: \(expected) (now \(before.coverage!.covered))"),
                "\(runner.terminal.screen.text)")
        try runner.run(Script.parse("key y", name: "test"))
        let after = try store.order(code)
        #expect(after.coverage?.covered == expected && after.coverage?.totalUSD == expected)
        #expect(try store.check().faults == [])
    }
}
