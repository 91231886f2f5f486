import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

struct WalkthroughTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/TradeGuardUI/Walkthrough/scripts")

    @Test(arguments: BuiltInWalkthroughs.all.map(\.name))
    func builtInEqualsItsFile(_ name: String) throws {
        let file = try String(contentsOf: Self.scripts.appendingPathComponent(name + ".tgs"), encoding: .utf8)
        #expect(BuiltInWalkthroughs.named(name) == file)
    }

    /// Every built-in walkthrough runs headlessly to the end with its expectations met.
    @Test(arguments: BuiltInWalkthroughs.all.map(\.name), [(24, 80), (30, 100)])
    func runsToTheEnd(_ name: String, _ size: (Int, Int)) throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let walkthrough = try Walkthrough(try Script.parse(BuiltInWalkthroughs.named(name)!, name: name))
        let (_, runner) = try UIFixture.app(store, as: nil, rows: size.0, cols: size.1)
        for index in walkthrough.steps.indices { try walkthrough.perform(index, with: runner) }
        #expect(try store.check().faults == [])
        #expect(try store.order(OrderCode(number: 50)).state == .closed)
    }

    @Test func thePlayerStepsBackAndHandsOver() throws {
        var folders: [UIFixture.Folder] = []
        let terminal = InMemoryTerminal(rows: 30, cols: 100)
        let walkthrough = try Walkthrough(try Script.parse(BuiltInWalkthroughs.named("basics")!, name: "basics"))
        var databases = 0
        let player = try DemoPlayer(walkthrough: walkthrough, terminal: terminal, theme: .plain, delaySeconds: 1) {
            let (folder, store) = try UIFixture.demo()
            folders.append(folder)
            databases += 1
            var t = 0.0
            return try AppModel(store: store, as: nil, time: .utc, uptime: { t += 0.001; return t })
        }
        for key: Key in [.character(" "), .right, .left, .character("t"), .character("7"), .character("Q")] { terminal.enqueue(key) }
        #expect(player.run() == 0)
        #expect(databases == 2)   // one to start, one fresh database for the step back
        #expect(terminal.screen.text.contains("by code"))   // taken over: the 7 reached the app
        #expect(!terminal.screen.text.contains("Step 1/"))
    }

    @Test func walkthroughMistakesAreReported() throws {
        #expect(throws: ScriptError(file: "w", line: 1, reason: "a walkthrough needs at least one caption")) {
            try Walkthrough(try Script.parse("key j", name: "w"))
        }
        #expect(throws: ScriptError(file: "w", line: 2, reason: "steps after the last caption would never be shown; end with a caption")) {
            try Walkthrough(try Script.parse("caption \"A | b\"\nkey j", name: "w"))
        }
    }
}
