import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// An agreed refund is the supplier's deadline until recorded (issue 21: "an agreed or decided
/// refund is due from the supplier within 7 working days (a deadline on the supplier's
/// Overview)"): the supplier's Overview lists it with its deadline, `$` records it with the
/// transfer's reference, and the detail then says it was paid.
struct RefundDeadlineTests {
    @Test func theSupplierSeesTheRefundDueAndRecordsIt() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        // The Yiwu–Tanaka colours dispute: Yiwu's counter waits for Tanaka, who agrees.
        let code = try #require(try store.db.query("""
            SELECT o.id FROM orders o JOIN parties s ON s.id = o.supplier_id JOIN parties b ON b.id = o.buyer_id
            JOIN disputes d ON d.order_id = o.id AND d.resolved_at IS NULL
            WHERE s.handle = 'yiwu-crafts' AND b.handle = 'tanaka-shoji' AND d.stage = 'awaiting-buyer'
            """) { OrderCode(number: $0.int(0)) }.first)
        try store.perform(.agree, on: code, as: .party(DemoCast.tanaka, .buyer))
        let due = try #require(try store.order(code).disputeOutcome?.refundDue)

        let app = try AppModel(store: store, as: try Handle("yiwu-crafts"), time: .utc, uptime: { 0 })
        app.size = (30, 120)
        func press(_ keys: [Key]) { for key in keys { app.handle(key); _ = app.didPresent() } }
        press([.character("1"), .character("g")])
        let overview = try #require(app.workspace?.currentList)
        while overview.selectedKey?.code != code, overview.selected < overview.total - 1 { press([.down]) }
        #expect(overview.selectedKey?.code == code, "the refund is on the supplier's Overview")
        press([.enter])
        let detail = app.render().text
        #expect(detail.contains("Refund due by") && detail.contains(due.iso), "\(detail)")
        #expect(detail.split(separator: "\n").last?.contains("$ refunded") == true, "\(detail)")

        press([.character("$")] + "TT-20261130-77".map { Key.character($0) } + [.enter])
        #expect(app.render().text.contains("Record the refund on \(code) as paid?"), "\(app.render().text)")
        press([.character("y")])
        let after = app.render().text
        #expect(after.contains("Refund paid") && after.contains("TT-20261130-77"), "\(after)")
        #expect(after.split(separator: "\n").last?.contains("$ refunded") == false, "\(after)")
        #expect(try store.order(code).disputeOutcome?.refundPaid?.reference == "TT-20261130-77")
    }
}
