import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// A balance due after shipment and still unpaid once the goods are received is the buyer's
/// move: found while modelling issue 21's non-payment, where the order waited on nobody, was on
/// no "awaiting you" list, and closed at the end of its window unpaid.
struct BalanceOwedAfterReceiptTests {
    /// An order received with US$944.97 of its balance, due after shipment, unpaid.
    static func received(_ t: TestStore) throws -> OrderCode {
        var contract = TestStore.contract()
        contract.balanceDue = .afterShipment
        let code = try t.store.draft(contract, counterparty: try Handle("hanse"), as: TestStore.supplier).code
        func step(_ command: OrderCommand, _ actor: Actor) throws { try t.store.perform(command, on: code, as: actor) }
        try step(.submit, TestStore.supplier)
        try step(.confirm, TestStore.buyer)
        try step(.pay(amount: TestStore.usd(40_000), method: .tt, key: try IdempotencyKey("adv-owed")), TestStore.buyer)
        try step(.startProduction, TestStore.supplier)
        try step(.logContact(note: "Called the buyer"), TestStore.supplier)
        for item in try t.store.order(code).missingChecklistItems { try step(.tick(item, note: "ok"), TestStore.supplier) }
        try step(.ready, TestStore.supplier)
        try step(.ship(carrier: "Maersk", tracking: "MAEU1234567"), TestStore.supplier)
        try step(.confirmReceipt, TestStore.buyer)
        return code
    }

    @Test func theBuyerIsAwaitedUntilTheBalanceIsPaid() throws {
        let t = try TestStore()
        let hanse = try Handle("hanse")
        let code = try Self.received(t)
        func step(_ command: OrderCommand, _ actor: Actor) throws { try t.store.perform(command, on: code, as: actor) }

        func awaited() throws -> (listed: [OrderCode], counted: Int) {
            (try t.store.listOrders(for: hanse, side: .buyer, scope: .waitingOn(.buyer), sort: .deadline, limit: 50).map(\.code),
             try t.store.orderCounts(for: hanse, side: .buyer).count(.waitingOn(.buyer)))
        }
        let order = try t.store.order(code)
        #expect(order.state == .completed && order.outstanding(.balance) == TestStore.usd(94_497))
        #expect(order.awaits(.buyer) && order.balanceOwedAfterReceipt)
        #expect(try awaited() == ([code], 1))
        // The supplier's view of what awaits the buyer agrees.
        #expect(try t.store.orderCounts(for: try Handle("acme"), side: .supplier).count(.waitingOn(.buyer)) == 1)

        try step(.pay(amount: TestStore.usd(94_497), method: .tt, key: try IdempotencyKey("bal-owed")), TestStore.buyer)
        #expect(try awaited() == ([], 0))
        #expect(try t.store.check().faults == [])
    }

    /// Issue 21's review: the sweep closed such an order when its protection window ended, and a
    /// buyer who agreed to the supplier's claim after that could not pay. Now it stays completed
    /// (nothing to sweep) until the balance is paid, and the sweep closes it then.
    @Test func theSweepLeavesItOpenUntilTheBalanceIsPaid() throws {
        let t = try TestStore()
        let code = try Self.received(t)
        #expect(try t.store.order(code).protectionEnds != nil)
        t.clock.advance(try ClockStep.parse("45d"))
        #expect(try t.store.sweep().isEmpty)
        #expect(try t.store.order(code).state == .completed)
        try t.store.perform(.pay(amount: TestStore.usd(94_497), method: .tt, key: try IdempotencyKey("bal-late")), on: code, as: TestStore.buyer)
        #expect(try t.store.sweep().map(\.1) == [.close])
        #expect(try t.store.order(code).state == .closed)
        #expect(try t.store.check().faults == [])
    }

    /// A file from before schema 12 stored the window's end as the order's timeout. The upgrade
    /// clears it, and a sweep that meets such a row anyway passes over it instead of reading the
    /// same rows again forever.
    @Test func aTimeoutStoredByAnOlderReleaseIsClearedAndNeverSpinsTheSweep() throws {
        let t = try TestStore()
        let code = try Self.received(t)
        let ends = try #require(try t.store.order(code).protectionEnds)
        func stale() throws { try t.store.db.write { try t.store.db.run("UPDATE orders SET timeout_at = ? WHERE id = ?", [.int(ends.secondsSinceEpoch), .int(code.number)]) } }
        try stale()
        t.clock.advance(try ClockStep.parse("45d"))
        #expect(try t.store.sweep().isEmpty)
        #expect(try t.store.check().faults.contains { $0.contains("timeout") })
        try t.store.db.write { try t.store.db.setUserVersion(11) }
        t.store.close()
        let reopened = try Store(path: t.path, create: false, timeSource: t.clock)
        defer { reopened.close() }
        #expect(try reopened.db.userVersion() == Store.schemaVersion)
        #expect(try reopened.db.scalarInt("SELECT timeout_at FROM orders WHERE id = ?", [.int(code.number)]) == nil)
        #expect(try reopened.check().faults == [])
    }
}
