import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// A question too long for one line of its dialog wraps: its end — the amount, usually — is
/// never cut off (the dispute question lost "of €1,900.00?" at 80 columns).
struct LongQuestionTests {
    @Test func theDisputeQuestionShowsItsAmount() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (_, runner) = try UIFixture.app(store, as: nil, rows: 24, cols: 80)
        let script = """
        as boutique-elegance
        key 7
        key /
        type "TG-0000032"
        key Enter
        key Enter
        key !
        key Right Right
        key Tab Right
        key Tab
        type "1900"
        key Tab
        type "38 of 300 panels flicker visibly"
        key Enter
        expect "Open a 'not-as-agreed' dispute on TG-0000032, asking for partial"
        expect "refund, keeping the goods of €1,900.00?"
        expect "y Dispute"
        """
        for (line, step) in try Script.parse(script, name: "q").steps { try runner.run(step, line: line, file: "q") }
    }
}
