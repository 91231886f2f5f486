import Testing
import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// A completed order whose balance is still owed stays open past its protection window (issue
/// 21's review). Its window has ended, and nobody is late for it: the queue and the detail say
/// "protection over" / "ended … ago", not a red "overdue" that would stay on it for good.
struct ProtectionOverTests {
    @Test func anEndedWindowIsNotShownAsOverdue() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        // TG-0000050: Yiwu's goods received by Austin, the balance due after shipment unpaid (demo data).
        let code = OrderCode(number: 50)
        let ends = try #require(try store.order(code).protectionEnds)
        #expect(try store.order(code).balanceOwedAfterReceipt)
        try store.setClock(to: ends.adding(days: 3))
        #expect(try store.sweep().allSatisfy { $0.0 != code })
        #expect(try store.order(code).state == .completed)

        let (app, _) = try UIFixture.app(store, as: "austin-outdoor", rows: 40, cols: 120)
        app.handle(.character("7"))
        _ = app.didPresent()
        let list = try #require(app.workspace?.currentList)
        while list.selectedKey?.code != code, list.selected < list.total - 1 { app.handle(.down); _ = app.didPresent() }
        let queue = app.render()
        let row = try #require((0..<queue.rows).map { queue.line($0) }.first { $0.contains(code.text) })
        #expect(row.contains("protection over") && !row.contains("overdue"), "\(row)")

        app.handle(.enter)
        let detail = app.render().text
        let line = try #require(detail.split(separator: "\n").first { $0.contains("Protected until") })
        #expect(line.contains("ended 3d ago") && !line.contains("overdue"), "\(line)")
        #expect(line.contains("the order closes once nothing is owed"), "\(line)")
    }
}
