import Testing
import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The queue's table and what shares the main area with it: the Overview's band above, the
/// detail pane (`v`) below. The selected row must always be one that is drawn.
struct DetailPaneTests {
    /// The line that shows `code` in the selection's colours, if any.
    private func selectedLine(_ canvas: Canvas) -> String? {
        (0..<canvas.rows).first { row in canvas.roleLine(row).filter { $0 == .selected }.count > canvas.cols / 2 }.map { canvas.line($0) }
    }

    @Test func onTheOverviewTheSelectedRowStaysOnScreenBelowTheBand() throws {
        // Twice the usual fixture's orders, so that what awaits the supplier is more than a screen.
        let folder = UIFixture.Folder()
        let store = try Store(path: folder.path("seeded.sqlite"), random: .seeded(1))
        _ = try Seeder.seed(store, orders: 2_400, seed: 3)
        let app = try AppModel(store: store, as: try Handle("seed-s0001"), time: .utc, uptime: { 0 })
        app.size = (24, 100)
        #expect(app.workspace?.tab == .overview)
        let list = try #require(app.workspace?.currentList)
        #expect(list.total > app.tableHeight + 3)         // enough to scroll
        for step in 1..<list.total {
            app.handle(.down)
            let canvas = app.render()
            let selected = try #require(list.selectedRow)
            guard let line = selectedLine(canvas) else {
                Issue.record("after \(step) moves no row is drawn selected:\n\(canvas.text)")
                return
            }
            #expect(line.contains(selected.code.text), "after \(step) moves:\n\(canvas.text)")
        }
    }

    @Test func thePaneShowsTheSelectedOrdersDetailOnceReadAndNamesTheOrderItShows() throws {
        let (folder, _, app) = try UIFixture.seededApp()
        defer { withExtendedLifetime(folder) {} }
        app.handle(.character("7"))                     // the Orders tab
        app.handle(.character("v"))
        let w = try #require(app.workspace)
        let list = try #require(w.currentList)
        let first = try #require(list.selectedRow).code
        let pane = try #require(app.queueLayout.pane)
        var canvas = app.render()
        #expect(canvas.line(pane.top).contains("── \(first.text) ─"))
        #expect(!canvas.text.contains("Drafted by"))      // not read yet

        #expect(app.workAhead())                          // read between keys: draw again
        canvas = app.render()
        #expect(canvas.line(pane.top + 1).contains(first.text))
        #expect(canvas.text.contains("Drafted by"))
        #expect(canvas.line(pane.top).contains("Enter opens it in full"))
        #expect(!app.workAhead())                         // nothing new to show

        // The next order: until its detail is read, the pane goes on showing the first, under
        // the first's code; then the second's, under its own.
        app.handle(.down)
        let second = try #require(list.selectedRow).code
        canvas = app.render()
        #expect(canvas.line(pane.top).contains("── \(first.text) ─"))
        #expect(canvas.line(pane.top + 1).contains(first.text))
        #expect(app.workAhead())
        canvas = app.render()
        #expect(canvas.line(pane.top).contains("── \(second.text) ─"))
        #expect(canvas.line(pane.top + 1).contains(second.text))

        // The table is shorter with the pane: moving past its last row keeps the selection drawn.
        for _ in 0..<(app.tableHeight + 2) { app.handle(.down) }
        var current = try #require(list.selectedRow).code.text
        #expect(selectedLine(app.render())?.contains(current) == true)

        // v again: no pane, and the table takes the whole main area.
        app.handle(.character("v"))
        #expect(app.queueLayout.pane == nil)
        #expect(app.tableHeight == app.mainHeight - 1)
        current = try #require(list.selectedRow).code.text
        #expect(selectedLine(app.render())?.contains(current) == true)
    }

    @Test func thePaneFollowsTheDataWhenAnotherConnectionCommits() throws {
        let (folder, _, app) = try UIFixture.seededApp()
        defer { withExtendedLifetime(folder) {} }
        app.handle(.character("7"))
        app.handle(.character("v"))
        app.workAhead()
        let w = try #require(app.workspace)
        let shown = try #require(w.paneDetail)
        let other = try Store(path: folder.path("seeded.sqlite"), create: false)
        try other.setRate(try ExchangeRate.parse("0.93", currency: .eur, effective: try other.now().utcDate))
        app.tick()                                        // notices the commit and refreshes
        #expect(w.paneDetail == nil)                     // it may be out of date: not shown
        #expect(app.render().text.contains("── \(shown.code.text) ─"))
        #expect(app.workAhead())
        let reread = try #require(w.paneDetail)
        #expect(reread.code == shown.code)
        #expect(reread !== shown)
    }

    @Test func layoutSplitsTheMainAreaAndKeepsTheTableUsable() {
        let plain = QueueLayout(mainTop: 2, mainHeight: 36, band: false, pane: false)
        #expect(plain.top == 2 && plain.height == 36 && plain.pane == nil && plain.rows == 35)
        let band = QueueLayout(mainTop: 2, mainHeight: 36, band: true, pane: false)
        #expect(band.top == 4 && band.height == 34 && band.rows == 33)
        let split = QueueLayout(mainTop: 2, mainHeight: 36, band: false, pane: true)
        #expect(split.height == 18 && split.pane?.top == 20 && split.pane?.height == 18)
        // Together they still fill the main area exactly.
        let both = QueueLayout(mainTop: 2, mainHeight: 20, band: true, pane: true)
        #expect(both.top == 4 && both.height == 9 && both.pane?.top == 13 && both.pane?.height == 9)
        // Too short for a useful pane: none, and the table keeps everything.
        let short = QueueLayout(mainTop: 2, mainHeight: 11, band: false, pane: true)
        #expect(short.pane == nil && short.height == 11)
    }
}
