import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The order the hint bar judges is read once per row version, also when the row on screen is
/// older than the order (another process committed and the list refreshes only at the next tick).
/// Found by `bench --hosted`: with payers paying an order every second, every key on a queue
/// showing it re-read the order once for each action the hint bar asks about — about sixty reads,
/// and a key p99 of 6 ms against a budget of 5.
struct StaleRowSubjectTests {
    @Test func aStaleRowsOrderIsReadOnceNotForEveryQuestion() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        let app = try AppModel(store: store, as: try Handle("tanaka-shoji"), time: .utc, uptime: { 0 })
        app.size = (30, 100)
        // The Orders tab, down to an order awaiting Tanaka's payment (not the last row: the test moves off it and back).
        for key: Key in [.character("7"), .character("g")] { app.handle(key); _ = app.didPresent() }
        let list = try #require(app.workspace?.currentList)
        while let row = list.selectedKey, try store.order(row.code).state != .awaitingPayment, list.selected < list.total - 2 {
            app.handle(.down)
        }
        let code = try #require(list.selectedKey?.code)
        try #require(try store.order(code).state == .awaitingPayment)
        let rowVersion = try #require(list.selectedKey?.version)

        // Another process pays part of the selected order: the row keeps its version until the next tick.
        let other = try Store(path: store.path, create: false)
        try other.perform(.pay(amount: Money(minorUnits: 100, currency: .usd), method: .tt, key: try IdempotencyKey("elsewhere")),
                          on: code, as: .party(DemoCast.tanaka, .buyer))
        other.close()
        // Off the order and back: its subject is read anew, and is newer than its row.
        for key: Key in [.down, .up] { app.handle(key); _ = app.didPresent() }
        #expect(app.workspace?.currentList?.selectedKey?.code == code)
        #expect(app.workspace?.currentList?.selectedKey?.version == rowVersion)
        let drawn = app.render().text
        #expect(drawn.split(separator: "\n").last?.contains("pay") == true, "\(drawn)")

        // Every further question (the hint bar asks one per action, each frame) is answered from
        // that one read: with the store closed, the frame is the same.
        store.close()
        #expect(app.render().text == drawn)
    }
}
