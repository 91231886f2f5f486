import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The filter's exact count is worked out between keys. It must give way to a key that
/// arrives meanwhile (over a cold disk at a million orders it takes half a second), and finish
/// at the next pause.
struct FilterCountTests {
    @Test func theCountStopsForAWaitingKeyAndFinishesAtThePause() throws {
        let (folder, store) = try UIFixture.seeded()
        defer { withExtendedLifetime(folder) {} }
        let list = OrderListModel(store: store, party: try Handle("seed-s0001"), side: .supplier, scope: .all)
        try list.reload()
        // Every buyer's name holds "Trading": more matches than the first page shows.
        try list.setFilter("Trading")
        let shown = try #require(list.filterCount)
        #expect(shown.isLowerBound)

        var asked = 0
        #expect(try list.countMatches(keyWaiting: { asked += 1; return true }) == false)
        #expect(asked > 0)
        #expect(list.filterCount?.isLowerBound == true)

        #expect(try list.countMatches(keyWaiting: { false }) == true)
        let counted = try #require(list.filterCount)
        #expect(!counted.isLowerBound)
        #expect(counted.matchCount > shown.matchCount)
        #expect(counted.matchCount == list.total)
    }
}

/// A list first reads as many rows as the screen is tall; a taller screen reads the rest.
struct FirstPageTests {
    @Test func aScreenThatGrowsShowsEveryRowItHasRoomFor() throws {
        let (folder, _, app) = try UIFixture.seededApp()
        defer { withExtendedLifetime(folder) {} }
        app.handle(.character("7"))                     // the Orders tab: every order, by code
        func orderLines() -> Int { app.render().text.split(separator: "\n").filter { $0.hasPrefix(" TG-") }.count }
        let short = orderLines()
        #expect(short > 10)
        app.size = (80, 100)
        app.handle(.resize)
        let tall = orderLines()
        #expect(tall > short + 40)
        #expect(tall == app.tableHeight)
    }

    @Test func readingAheadLoadsTheNextPageOnceAndKeepsTheOrder() throws {
        let (folder, store) = try UIFixture.seeded()
        defer { withExtendedLifetime(folder) {} }
        let list = OrderListModel(store: store, party: try Handle("seed-s0001"), side: .supplier, scope: .all)
        list.firstPage = 24
        try list.reload()
        #expect(list.row(at: 30) == nil)
        #expect(try list.readAhead(visible: 20))
        #expect(list.row(at: 30) != nil)
        #expect(try list.readAhead(visible: 20) == false)     // a screen and more is loaded already
        // What was read ahead is what a fresh read gives at the same places.
        let fresh = try store.listOrders(for: Handle("seed-s0001"), side: .supplier, limit: 60)
        #expect((0..<60).map { list.row(at: $0)?.code } == fresh.map(\.code))
    }
}
