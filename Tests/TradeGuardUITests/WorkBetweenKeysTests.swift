import Testing
import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// What the app reads between keys (`AppModel.workAhead`): the selected order's detail, shown
/// only while nothing has been committed since, and what the tab to the right shows.
struct WorkBetweenKeysTests {
    @Test func aPreparedDetailIsShownOnlyWhileNothingChanged() throws {
        let (folder, _, app) = try UIFixture.seededApp()
        defer { withExtendedLifetime(folder) {} }
        app.handle(.character("7"))                     // the Orders tab
        app.handle(.down)
        app.workAhead()
        let w = try #require(app.workspace)
        let prepared = try #require(w.preparedDetail)
        #expect(prepared.model.code == w.currentList?.selectedRow?.code)

        app.handle(.enter)
        #expect(w.detail === prepared.model)
        #expect(w.preparedDetail == nil)
        app.handle(.escape)
        #expect(w.detail == nil)

        // Prepared again, then another connection commits (any change moves data_version).
        app.workAhead()
        let again = try #require(w.preparedDetail)
        #expect(again.model !== prepared.model)
        let other = try Store(path: folder.path("seeded.sqlite"), create: false)
        let today = try other.now().utcDate
        try other.setRate(try ExchangeRate.parse("0.93", currency: .eur, effective: today))
        app.handle(.enter)
        let opened = try #require(w.detail)
        #expect(opened !== again.model)
        #expect(opened.code == again.model.code)
    }

    @Test func theNextTabsQueueIsReadBetweenKeys() throws {
        let (folder, _, app) = try UIFixture.seededApp()
        defer { withExtendedLifetime(folder) {} }
        app.handle(.character("6"))                     // Pre-delivery; Orders is to its right
        let w = try #require(app.workspace)
        #expect(w.loadedOrders == nil)
        app.workAhead()
        let ready = try #require(w.loadedOrders)
        #expect(ready.total > 0)
        app.handle(.tab)
        #expect(w.tab == .orders)
        #expect(w.currentList === ready)
        #expect(app.render().text.contains(" TG-"))
    }

    /// The rows above and below the selection are judged between keys, so a cursor move draws
    /// its hint bar without reading the database while the key waits (issue 19's outside
    /// latency). Proof as in RenderReadsNothingTests: an app whose store is closed after the work
    /// between keys draws, after the move, what an app with an open store draws.
    @Test func theRowsBesideTheSelectionAreJudgedBetweenKeys() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        // The buyer's Orders, from the last row (awaiting the buyer's confirmation: x cancel)
        // up to one ready to ship (! dispute), and back down.
        let moves: [(keys: [Key], move: Key, offers: String)] = [
            ([.character("7"), .character("G"), .up], .up, "! dispute"),
            ([.character("7"), .character("G"), .up], .down, "x cancel"),
        ]
        for (keys, move, offers) in moves {
            func app(_ store: Store) throws -> AppModel {
                let app = try AppModel(store: store, as: try Handle("hanse-kuechen"), time: .utc, uptime: { 0 })
                app.size = (30, 100)
                for key in keys { app.handle(key); _ = app.didPresent() }
                _ = app.workAhead()
                return app
            }
            let open = try app(store)
            let second = try Store(path: folder.path("demo.sqlite"), create: false)
            let closed = try app(second)
            second.close()
            open.handle(move); _ = open.didPresent()
            closed.handle(move); _ = closed.didPresent()
            let drawn = open.render().text
            #expect(drawn.split(separator: "\n").last?.contains(offers) == true, "\(drawn)")
            #expect(closed.render().text == drawn)
        }
    }
}
