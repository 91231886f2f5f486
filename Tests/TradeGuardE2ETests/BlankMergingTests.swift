import Testing
import TradeGuardTerminal
@testable import TradeGuardUI

/// Blanks take the previous cell's role only where a blank looks the same in both.
struct BlankMergingTests {
    static let theme = ResolvedTheme(name: "t", depth: .twoFiftySix, styles: [
        .normal: ResolvedStyle(),
        .muted: ResolvedStyle(foreground: .indexed(244)),
        .money: ResolvedStyle(foreground: .indexed(115), attributes: [.bold]),
        .selected: ResolvedStyle(foreground: .indexed(231), background: .indexed(24)),
        .moneyUncovered: ResolvedStyle(foreground: .indexed(208), attributes: [.underline]),
        .title: ResolvedStyle(attributes: [.reverse]),
    ])

    func row(_ parts: [(String, Role)], cols: Int = 20) -> Canvas {
        var canvas = Canvas(rows: 1, cols: cols)
        var col = 0
        for (text, role) in parts { col = canvas.put(text, row: 0, col: col, role: role) }
        return canvas
    }

    @Test func blanksBetweenColouredWordsJoinTheWordBefore() {
        let merged = BlankMerging.merged(row([("ab", .muted), ("  ", .normal), ("  12", .money)]), theme: Self.theme)
        #expect(merged.line(0) == "ab    12")
        #expect(merged.roleLine(0).prefix(8) == [.muted, .muted, .muted, .muted, .muted, .muted, .money, .money])
        // The blanks to the end of the row follow the last word too.
        #expect(merged.roleLine(0)[8...].allSatisfy { $0 == .money })
    }

    @Test func blanksOnAnotherBackgroundOrUnderlinedKeepTheirRole() {
        let merged = BlankMerging.merged(row([("ab", .muted), ("  ", .selected), ("x", .normal), ("  ", .moneyUncovered), ("y", .title), ("  ", .normal)]),
                                         theme: Self.theme)
        #expect(merged.roleLine(0).prefix(10) == [.muted, .muted, .selected, .selected, .normal, .moneyUncovered, .moneyUncovered, .title, .normal, .normal])
    }

    @Test func reversedBlanksShowTheForegroundAndMatchOnlyThat() {
        // A reversed role's blank shows the terminal's default foreground, unlike a plain blank.
        let merged = BlankMerging.merged(row([("t", .title), (" ", .normal), ("u", .normal)]), theme: Self.theme)
        #expect(merged.roleLine(0).prefix(3) == [.title, .normal, .normal])
    }

    /// The back end merges blanks only in the rows the planner writes, in the previous frame
    /// and the new one alike: the plan is the one made from both frames merged whole.
    @Test func mergingTheWrittenRowsPlansWhatMergingWholeFramesPlans() {
        func frame(_ rows: [[(String, Role)]]) -> Canvas {
            var canvas = Canvas(rows: rows.count, cols: 20)
            for (r, parts) in rows.enumerated() {
                var col = 0
                for (text, role) in parts { col = canvas.put(text, row: r, col: col, role: role) }
            }
            return canvas
        }
        let old = frame([[("ab", .muted), ("  ", .normal), ("12", .money)], [("same", .normal)], [("x ", .selected), ("y", .normal)]])
        let new = frame([[("ab", .muted), ("   ", .normal), ("13", .money)], [("same", .normal)], [("x ", .normal), ("  ", .money), ("y", .title)]])
        let looks = BlankMerging.Looks(Self.theme)
        let planned = FramePlanner.runs(from: old, to: new, rows: 3, cols: 20, blanks: looks)
        let whole = FramePlanner.runs(from: BlankMerging.merged(old, theme: Self.theme), to: BlankMerging.merged(new, theme: Self.theme), rows: 3, cols: 20)
        #expect(planned == whole)
        #expect(!planned.isEmpty && !planned.contains { $0.row == 1 })
        #expect(FramePlanner.runs(from: nil, to: new, rows: 3, cols: 20, blanks: looks)
                == FramePlanner.runs(from: nil, to: BlankMerging.merged(new, theme: Self.theme), rows: 3, cols: 20))
    }

    @Test func textIsNeverTouched() {
        let drawn = row([("ab", .muted), ("cd", .money), ("é", .normal)])
        let merged = BlankMerging.merged(drawn, theme: Self.theme)
        #expect(merged.line(0) == drawn.line(0))
        #expect(merged.roleLine(0).prefix(5) == drawn.roleLine(0).prefix(5))
    }
}

/// Per-role tables are read by `Role.ordinal`: it must be each case's place in `allCases`.
struct RoleOrdinalTests {
    @Test func everyRoleIsNumberedByItsPlace() {
        #expect(Role.allCases.map(\.ordinal) == Array(Role.allCases.indices))
    }
}

/// The frame planner compares rows of cells with memcmp: a cell must have no undefined bytes.
struct CellLayoutTests {
    @Test func aCellHasNoPadding() {
        #expect(MemoryLayout<Cell>.size == MemoryLayout<Cell>.stride)
        #expect(MemoryLayout<Cell>.size == 12)
    }
}
