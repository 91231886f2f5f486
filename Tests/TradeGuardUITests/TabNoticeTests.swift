import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// A notice about something done in one tab is not shown after switching to another (issue 19).
struct TabNoticeTests {
    @Test func aToastDoesNotFollowYouToAnotherTab() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright")
        try runner.run(Script.parse("key 7\nkey s\nexpect \"Sorted by counterparty\"", name: "t"))
        try runner.run(Script.parse("key 1", name: "t"))
        #expect(!runner.terminal.screen.text.contains("Sorted by counterparty"), "\(runner.terminal.screen.text)")
        #expect(app.toast == nil)
        // A notice made by the switch itself still shows: / from a dashboard says where it searches.
        try runner.run(Script.parse("key 2\nkey /", name: "t"))
        #expect(app.toast?.text.contains("Searching every order") == true)
    }
}
