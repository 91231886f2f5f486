import Testing
import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// A dashboard is read when its tab is first shown and kept until the data changes: Tab
/// through the workspace and back shows the same one, a commit elsewhere makes it read again.
struct KeptDashboardTests {
    @Test func theLimitsDashboardIsKeptUntilSomethingIsCommitted() throws {
        let (folder, _, app) = try UIFixture.seededApp()
        defer { withExtendedLifetime(folder) {} }
        app.handle(.character("2"))                     // Limits
        let w = try #require(app.workspace)
        let first = try #require(w.dashboard)
        let overview = try #require({ app.handle(.character("1")); return w.overview }())
        app.handle(.character("2"))
        #expect(w.dashboard === first)
        app.handle(.character("1"))
        #expect(w.overview == overview)

        // Another connection commits; the next tick notices and everything is read again.
        let other = try Store(path: folder.path("seeded.sqlite"), create: false)
        try other.setRate(try ExchangeRate.parse("0.93", currency: .eur, effective: try other.now().utcDate))
        app.tick()
        app.handle(.character("2"))
        let again = try #require(w.dashboard)
        #expect(again !== first)
        #expect(again.lines.map(\.text) == first.lines.map(\.text))   // a rate changes nothing here
    }
}
