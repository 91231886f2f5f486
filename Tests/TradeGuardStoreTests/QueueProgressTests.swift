import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// The Pre-delivery queue's checklist count and the Deliveries queue's tracking number are read
/// with the row (issue 19 item 7), and agree with the order as the workflow sees it.
@Suite(.serialized) struct QueueProgressTests {
    @Test func theQueuesCountTheChecklistAsTheWorkflowDoes() throws {
        let (folder, store) = try DemoDataTests.build()
        defer { store.close(); _ = folder }
        var seen = 0
        for supplier in try store.allParties().filter({ $0.party.kind == .supplier }) {
            for row in try store.listOrders(for: supplier.handle, side: .supplier, scope: .queue(.predelivery), sort: .deadline, limit: 1_000) {
                let order = try store.order(row.code)
                #expect(row.checklistDone == ChecklistItem.allCases.count - order.missingChecklistItems.count, "\(row.code)")
                #expect(row.contactLogged == !order.contacts.isEmpty)
                seen += 1
            }
        }
        #expect(seen > 0)
        // Other queues do not pay for the lookups.
        let all = try store.listOrders(for: DemoCast.bright, side: .supplier, limit: 5)
        #expect(all.allSatisfy { $0.checklistDone == nil && $0.shipment == nil })

        // Shipped: the buyer's Deliveries row carries the carrier and tracking number.
        let ready = try #require(try store.listOrders(for: DemoCast.bright, side: .supplier, scope: .state(.readyToShip), sort: .deadline).first)
        let order = try store.order(ready.code)
        try store.perform(.ship(carrier: "COSCO", tracking: "COSU6301"), on: order.code, as: .party(order.supplier, .supplier))
        let delivery = try store.listOrders(for: order.buyer, side: .buyer, scope: .queue(.deliveries), sort: .deadline, limit: 1_000)
            .first { $0.code == order.code }
        #expect(delivery?.shipment == ShipmentLabel(carrier: "COSCO", tracking: "COSU6301"))
    }
}
