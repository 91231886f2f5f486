import Testing
import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// In a queue, a finished order (closed, cancelled, refunded) is history: its amounts are muted
/// and an uncovered part does not warn. A live order's uncovered part still does.
struct FinishedOrderLookTests {
    @Test func aClosedOrdersAmountsAreMutedAndItsUncoveredPartDoesNotWarn() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        // TG-0000001 is closed with US$43,000.00 of its US$78,000.00 not covered (demo data).
        let canvas = try ordersTab(store, as: "shenzhen-bright")
        let total = try #require(roles(of: "US$78,000.00", onTheRowOf: "TG-0000001", in: canvas))
        let covered = try #require(roles(of: "US$35,000.00", onTheRowOf: "TG-0000001", in: canvas))
        #expect(total.allSatisfy { $0 == .muted })
        #expect(covered.allSatisfy { $0 == .muted })
        // The code and the counterparty stay readable.
        #expect(try #require(roles(of: "TG-0000001", onTheRowOf: "TG-0000001", in: canvas)).allSatisfy { $0 == .normal })
    }

    @Test func aLiveOrdersUncoveredPartStillWarns() throws {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        // TG-0000033 is shipped, US$943.66 of it not covered (demo data).
        let canvas = try ordersTab(store, as: "yiwu-crafts")
        let covered = try #require(roles(of: "US$13,000.00", onTheRowOf: "TG-0000033", in: canvas))
        #expect(covered.allSatisfy { $0 == .moneyUncovered })
        let total = try #require(roles(of: "CN¥99,000.00", onTheRowOf: "TG-0000033", in: canvas))
        #expect(total.allSatisfy { $0 == .money })
    }

    /// The Orders tab at 120×40 with the cursor moved off the first row, which is then drawn in
    /// the queue's own colours rather than the selection's.
    private func ordersTab(_ store: Store, as handle: String) throws -> Canvas {
        let (app, _) = try UIFixture.app(store, as: handle, rows: 40, cols: 120)
        app.handle(.character("7"))
        app.handle(.end)
        return app.render()
    }

    /// The roles of the cells showing `text` on the screen line that contains `code`, or nil.
    private func roles(of text: String, onTheRowOf code: String, in canvas: Canvas) -> [TradeGuardUI.Role]? {
        guard let row = (0..<canvas.rows).first(where: { canvas.line($0).contains(code) }) else { return nil }
        // Columns that start a character, and what they show: wide characters take two columns.
        var starts: [Int] = []
        var shown = ""
        for col in 0..<canvas.cols where !canvas[row, col].isContinuation {
            starts.append(col)
            shown += canvas[row, col].text
        }
        let characters = Array(shown)
        let wanted = Array(text)
        guard let at = (0...max(0, characters.count - wanted.count)).first(where: { Array(characters[$0..<($0 + wanted.count)]) == wanted }) else {
            return nil
        }
        let roleLine = canvas.roleLine(row)
        return (at..<(at + wanted.count)).map { roleLine[starts[$0]] }
    }
}
