import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// A balance due after shipment and still unpaid once the goods are received is the buyer's
/// move: found while modelling issue 21's non-payment, where the order waited on nobody, was on
/// no "awaiting you" list, and closed at the end of its window unpaid.
struct BalanceOwedAfterReceiptTests {
    @Test func theBuyerIsAwaitedUntilTheBalanceIsPaid() throws {
        let t = try TestStore()
        let hanse = try Handle("hanse")
        var contract = TestStore.contract()
        contract.balanceDue = .afterShipment
        let code = try t.store.draft(contract, counterparty: hanse, as: TestStore.supplier).code
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
}
