import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Golden screens (reviewed text files in Golden/) and behaviour through scripts, on the demo
/// database of a fixed day. A screen that differs from its golden file fails and leaves the new
/// screen beside it as NAME.txt.new for review.
@Suite(.serialized) struct ScreenTests {
    nonisolated(unsafe) static let shared: (UIFixture.Folder, Store) = try! UIFixture.demo()
    var store: Store { Self.shared.1 }

    func app(_ handle: String?, rows: Int = 24, cols: Int = 80, _ script: String = "") throws -> ScriptRunner {
        let (_, runner) = try UIFixture.app(store, as: handle, rows: rows, cols: cols)
        try runner.run(Script.parse(script, name: "test"))
        return runner
    }

    // MARK: Golden screens

    @Test func picker() throws {
        UIFixture.expectGolden("picker-80x24", try app(nil))
        UIFixture.expectGolden("picker-120x40", try app(nil, rows: 40, cols: 120))
    }

    @Test func sellerQueue() throws {
        UIFixture.expectGolden("seller-orders-80x24", try app("shenzhen-bright", "key 7"))
        UIFixture.expectGolden("seller-orders-120x40", try app("shenzhen-bright", rows: 40, cols: 120, "key 7"))
    }

    @Test func buyerQueue() throws {
        UIFixture.expectGolden("buyer-orders-80x24", try app("hanse-kuechen", "key 7"))
        UIFixture.expectGolden("buyer-orders-120x40", try app("hanse-kuechen", rows: 40, cols: 120, "key 7"))
    }

    @Test func detail() throws {
        UIFixture.expectGolden("detail-80x24", try app("hanse-kuechen", "key 7 G Enter"))
        UIFixture.expectGolden("detail-120x40", try app("shenzhen-bright", rows: 40, cols: 120, "key 7\ntype \"/\"\ntype \"TG-0000034\"\nkey Enter Enter"))
    }

    /// Issue 21: a supplier's Disputes tab (whose move, by when) and a buyer's dispute detail
    /// (the claim, the proposal on the table, the default outcome, the thread and evidence).
    @Test func disputesTabAndDetail() throws {
        UIFixture.expectGolden("seller-disputes-120x40", try app("yiwu-crafts", rows: 40, cols: 120, "key 8"))
        UIFixture.expectGolden("seller-disputes-80x24", try app("yiwu-crafts", "key 8"))
        UIFixture.expectGolden("buyer-dispute-detail-120x40", try app("tanaka-shoji", rows: 40, cols: 120, "key 8 Enter"))
    }

    @Test func helpAndPalette() throws {
        UIFixture.expectGolden("help-80x24", try app("hanse-kuechen", "key 7 ?"))
        UIFixture.expectGolden("help-120x40", try app("hanse-kuechen", rows: 40, cols: 120, "key 7 ?"))
        UIFixture.expectGolden("palette-80x24", try app("hanse-kuechen", "key 7 :\ntype \"ta\""))
        UIFixture.expectGolden("palette-120x40", try app("hanse-kuechen", rows: 40, cols: 120, "key 7 :\ntype \"ta\""))
    }

    @Test func tooSmall() throws {
        UIFixture.expectGolden("too-small-30x8", try app("hanse-kuechen", rows: 8, cols: 30))
    }

    @Test func overviewStartsTheDay() throws {
        UIFixture.expectGolden("seller-overview-80x24", try app("shenzhen-bright"))
        UIFixture.expectGolden("buyer-overview-120x40", try app("hanse-kuechen", rows: 40, cols: 120))
    }

    @Test func everyTabInBothModes() throws {
        for (party, mode) in [("shenzhen-bright", "seller"), ("hanse-kuechen", "buyer")] {
            for tab in 1...8 {
                UIFixture.expectGolden("\(mode)-tab\(tab)-80x24", try app(party, "key \(tab)"))
                UIFixture.expectGolden("\(mode)-tab\(tab)-120x40", try app(party, rows: 40, cols: 120, "key \(tab)"))
            }
        }
    }

    @Test func limitsAndSuppliersDashboards() throws {
        let limits = try app("shenzhen-bright", rows: 40, cols: 120, "key 2")
        UIFixture.expectGolden("seller-limits-120x40", limits)
        #expect(limits.terminal.screen.text.contains("Why the limit is"))
        let suppliers = try app("hanse-kuechen", rows: 40, cols: 120, "key 2")
        UIFixture.expectGolden("buyer-suppliers-120x40", suppliers)
        // The newcomer can't activate twice; a not-yet-active supplier would see the A key.
        let newcomer = try app("ningbo-homeware", "key 2\nkey A")
        #expect(newcomer.terminal.screen.text.contains("Credit protection is already active."))
    }

    // MARK: Behaviour

    @Test func movingThroughTheQueue() throws {
        let runner = try app("shenzhen-bright", "key 7")
        func status() -> String { runner.terminal.screen.line(22) }
        #expect(status().contains("row 1 of 32"))
        try runner.run(Script.parse("key j j j", name: "t"))
        #expect(status().contains("row 4 of 32"))
        try runner.run(Script.parse("key k", name: "t"))
        #expect(status().contains("row 3 of 32"))
        try runner.run(Script.parse("key PgDn", name: "t"))
        #expect(status().contains("row 21 of 32"))
        try runner.run(Script.parse("key G", name: "t"))
        #expect(status().contains("row 32 of 32"))
        #expect(runner.terminal.screen.cursor?.row == 21)   // the last visible row holds the selection
        try runner.run(Script.parse("key g", name: "t"))
        #expect(status().contains("row 1 of 32"))
        try runner.run(Script.parse("key Up", name: "t"))
        #expect(status().contains("row 1 of 32"))
    }

    @Test func sortCyclesThroughEveryIndexedSort() throws {
        let runner = try app("shenzhen-bright", "key 7")
        for sort in ["counterparty", "total", "state", "next deadline", "code"] {
            try runner.run(Script.parse("key s\nexpect \"by \(sort)\"", name: "t"))
        }
        try runner.run(Script.parse("key s s", name: "t"))
        // Sorted by total: the first row is the smallest order.
        let rows = try store.listOrders(for: DemoCast.bright, side: .supplier, sort: .total, limit: 1)
        #expect(runner.terminal.screen.line(3).contains(rows[0].code.text))
    }

    @Test func filterShowsMatchesAndCount() throws {
        let runner = try app("shenzhen-bright", "key 7 /\ntype \"LED\"")
        let screen = runner.terminal.screen.text
        #expect(screen.contains("/LED"))
        #expect(screen.contains("matches"))
        let expected = try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "LED").matchCount
        #expect(screen.contains("of \(expected)"))
        try runner.run(Script.parse("key Enter\nexpect \"filter: LED\"\nkey Esc\nexpect \"row 1 of 32\"", name: "t"))
    }

    @Test func openAndGoBack() throws {
        let runner = try app("hanse-kuechen", "key 7 Enter\nexpect \"Drafted by\"\nexpect \"Money\"\nkey Esc\nexpect \"row 1 of 8\"")
        #expect(runner.app.exitStatus == nil)
    }

    @Test func pickerChoosesAParty() throws {
        let runner = try app(nil, "key j j Enter")
        #expect(runner.terminal.screen.line(0).contains("Shenzhen Bright"))
        #expect(runner.terminal.screen.text.contains("Acting as Shenzhen Bright"))
    }

    @Test func paletteRunsCommandsAndRefusesUnknownOnes() throws {
        let runner = try app("hanse-kuechen", "cmd tab.2")
        #expect(runner.terminal.screen.text.contains("Suppliers you have open orders with"))
        try runner.run(Script.parse("cmd tab.9", name: "t"))
        #expect(runner.terminal.screen.text.contains("No command 'tab.9'"))
        try runner.run(Script.parse("as shenzhen-bright\nexpect \"Seller · Shenzhen\"", name: "t"))
    }

    @Test func clockAdvancesOnADemoDatabaseAndTimeoutsApply() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (_, runner) = try UIFixture.app(store, as: "yildiz-tekstil")
        // TG-0000031 waits for Yıldız's confirmation, due tomorrow; two days later it is gone.
        try runner.run(Script.parse("expect \"confirm in 1d\"\nclock advance 2d\nexpect \"Clock now 2026-11-29 09:00\"", name: "t"))
        #expect(try store.order(OrderCode(number: 31)).state == .cancelled)
        #expect(runner.terminal.screen.text.contains("timeout"))
    }

    @Test func helpSearchFindsCommands() throws {
        let runner = try app("hanse-kuechen", "key 7 ?\ntype \"sort\"")
        #expect(runner.terminal.screen.text.contains("sort.cycle"))
        #expect(!runner.terminal.screen.text.contains("nav.down"))
        try runner.run(Script.parse("key Esc\nexpect \"row 1 of 8\"", name: "t"))
    }

    @Test func quitAndCtrlC() throws {
        #expect(try app("hanse-kuechen", "key Q").app.exitStatus == 0)
        #expect(try app("hanse-kuechen", "key C-c").app.exitStatus == 130)
        #expect(try app("hanse-kuechen", rows: 8, cols: 30, "key q").app.exitStatus == 0)
    }

    @Test func resizeToTooSmallAndBack() throws {
        let (_, runner) = try UIFixture.app(store, as: "hanse-kuechen")
        try runner.run(Script.parse("key 7", name: "t"))
        runner.terminal.resize(rows: 8, cols: 30)
        try runner.run(Script.parse("key Down", name: "t"))
        #expect(runner.terminal.screen.text.contains("Terminal too small"))
        runner.terminal.resize(rows: 24, cols: 80)
        try runner.run(Script.parse("key j", name: "t"))
        #expect(runner.terminal.screen.text.contains("row 2 of 8"))
    }

    @Test func hostileDataIsShownInert() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        // Another program writes an escape sequence straight into the database.
        try store.db.run("UPDATE orders SET buyer_name = ? WHERE id = 1", [.text("Evil\u{1B}]52;c;aGk=\u{07}\u{1B}[2J Co")])
        let (_, runner) = try UIFixture.app(store, as: "shenzhen-bright", rows: 40, cols: 120)
        try runner.run(Script.parse("key 7", name: "t"))
        let screen = runner.terminal.screen.text
        #expect(screen.contains("Evil\\u{1B}]52;c;aGk=\\u{7}\\u{1B}[2J Co"))
        #expect(!screen.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}
