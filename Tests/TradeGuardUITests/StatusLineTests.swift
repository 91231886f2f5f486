import Testing
import TradeGuardCore
@testable import TradeGuardUI

/// The queue's position on the status line: the number that changes as the cursor moves is in
/// the normal colour, its labels are muted.
struct StatusLineTests {
    @Test func thePositionNumberIsNormalAndItsLabelsMuted() throws {
        let (folder, _, app) = try UIFixture.seededApp()
        defer { withExtendedLifetime(folder) {} }
        app.handle(.character("7"))                     // the Orders tab: every order, by code
        for _ in 0..<11 { app.handle(.down) }
        let canvas = app.render()
        guard let row = (0..<canvas.rows).first(where: { canvas.line($0).contains("row 12 of ") }) else {
            Issue.record("no position on screen:\n\(canvas.text)")
            return
        }
        // Columns are characters here: the status line is ASCII up to the position.
        let line = Array(canvas.line(row))
        let start = try #require((0...(line.count - 10)).first { String(line[$0..<($0 + 10)]) == "row 12 of " })
        let roles = canvas.roleLine(row)
        #expect(roles[start..<(start + 4)].allSatisfy { $0 == .muted })        // "row "
        #expect(roles[(start + 4)..<(start + 6)].allSatisfy { $0 == .normal })  // "12"
        #expect(roles[(start + 6)..<(start + 10)].allSatisfy { $0 == .muted })  // " of "
    }
}
