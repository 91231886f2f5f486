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
        switch name {
        case "basics": #expect(try store.order(OrderCode(number: 52)).state == .closed)
        case "buyer-first": #expect(try store.order(OrderCode(number: 52)).state == .awaitingPayment)
        case "disputes": #expect(try store.order(OrderCode(number: 32)).state == .refunded)
        default: Issue.record("\(name): say what the walkthrough leaves behind")
        }
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

struct SplitWalkthroughTests {
    @Test func bothPanesPlayAndTheBuyerSeesTheSellersActionByItself() throws {
        var folders: [UIFixture.Folder] = []
        let terminal = InMemoryTerminal(rows: 30, cols: 161)
        let walkthrough = try Walkthrough(try Script.parse(BuiltInWalkthroughs.named("basics")!, name: "basics"))
        var lastPath = ""
        func app(_ store: Store, _ handle: String?) throws -> AppModel {
            var t = 0.0
            return try AppModel(store: store, as: handle.map { try Handle($0) }, time: .utc, uptime: { t += 0.001; return t })
        }
        let player = try DemoPlayer(walkthrough: walkthrough, terminal: terminal, theme: .plain, delaySeconds: 1, makeApp: {
            let (folder, store) = try UIFixture.demo()
            folders.append(folder)
            lastPath = store.path
            return try app(store, nil)
        }, makeSplit: {
            let (folder, store) = try UIFixture.demo()
            folders.append(folder)
            lastPath = store.path
            return (try app(store, "shenzhen-bright"), try app(try Store(path: store.path, create: false), "hanse-kuechen"))
        })
        // Up to the seller's submission (step 7): the buyer's pane shows it without any key of its own.
        for _ in 0..<7 { terminal.enqueue(.character(" ")) }
        terminal.enqueue(.character("q"))
        _ = player.run()
        let screen = terminal.screen
        let right = (1..<23).map { row in (81..<161).map { screen[row, $0].text }.joined() }.joined(separator: "\n")
        #expect(screen.text.contains("Step 7/15"))
        #expect(right.contains("TG-0000052"), "buyer pane:\n\(right)")
        #expect(screen.line(0).contains("Seller · Ningbo") && screen.line(0).contains("Buyer · Hanse"))
        #expect(try Store(path: lastPath, create: false).check().faults == [])
    }

    /// A `--split` player on `terminal`, seller Shenzhen Bright on the left, Hanse on the right.
    static func splitPlayer(_ terminal: TerminalDevice, folders: inout [UIFixture.Folder]) throws -> DemoPlayer {
        let walkthrough = try Walkthrough(try Script.parse(BuiltInWalkthroughs.named("basics")!, name: "basics"))
        var made: [UIFixture.Folder] = []
        func app(_ store: Store, _ handle: String) throws -> AppModel {
            var t = 0.0
            return try AppModel(store: store, as: try Handle(handle), time: .utc, uptime: { t += 0.001; return t })
        }
        let make = { () throws -> (AppModel, AppModel) in
            let (folder, store) = try UIFixture.demo()
            made.append(folder)
            return (try app(store, "shenzhen-bright"), try app(try Store(path: store.path, create: false), "hanse-kuechen"))
        }
        let player = try DemoPlayer(walkthrough: walkthrough, terminal: terminal, theme: .plain, delaySeconds: 1,
                                    makeApp: { try make().0 }, makeSplit: make, prepareStepBack: false)
        folders += made
        return player
    }

    /// Side by side, a gutter column keeps the two tab rows apart.
    @Test func thePanesHaveAGutter() throws {
        var folders: [UIFixture.Folder] = []
        let terminal = InMemoryTerminal(rows: 30, cols: 161)
        let player = try Self.splitPlayer(terminal, folders: &folders)
        terminal.enqueue(.character("q"))
        _ = player.run()
        let screen = terminal.screen
        for row in 0..<24 { #expect(screen[row, 80].text == "│", "row \(row): \(screen.line(row))") }
        #expect(screen.line(1).contains("8 Disputes") && screen.line(1).contains("│1 Overview"))
    }

    /// After taking over, the C-o notice goes below the panes: each pane keeps its own hint bar.
    @Test func takingOverKeepsBothHintBars() throws {
        var folders: [UIFixture.Folder] = []
        let terminal = InMemoryTerminal(rows: 30, cols: 161)
        let player = try Self.splitPlayer(terminal, folders: &folders)
        for key: Key in [.character(" "), .character("t"), .control("c")] { terminal.enqueue(key) }
        _ = player.run()
        let screen = terminal.screen
        let left = String(screen.line(23).prefix(80))
        #expect(left.contains("? help") && !left.contains("C-o"), "left hint bar: \(left)")
        #expect(screen.line(24).hasPrefix(" C-o switches between the seller's and the buyer's screen"))
    }

    /// Narrower than two panes and a gutter: one pane at a time, C-o shows the other.
    @Test func aNarrowTerminalShowsOnePaneAndCtrlOSwitches() throws {
        var folders: [UIFixture.Folder] = []
        let terminal = InMemoryTerminal(rows: 30, cols: 120)
        let player = try Self.splitPlayer(terminal, folders: &folders)
        terminal.enqueue(.character(" "))
        terminal.enqueue(.control("o"))
        terminal.enqueue(.character("q"))
        _ = player.run()
        let screen = terminal.screen
        #expect(!screen.text.contains("needs"))
        #expect(screen.text.contains("Step 1/") && screen.text.contains("C-o seller/buyer"))
        #expect(screen.line(0).contains("Buyer · Hanse") && !screen.line(0).contains("Seller"), "\(screen.line(0))")
    }

    @Test func aSmallTerminalIsToldTheSizeNeeded() throws {
        var folders: [UIFixture.Folder] = []
        let terminal = InMemoryTerminal(rows: 24, cols: 120)
        let player = try Self.splitPlayer(terminal, folders: &folders)
        terminal.enqueue(.character("q"))
        _ = player.run()
        #expect(terminal.screen.text.contains("demo --split needs 80×30 (this terminal is 120×24)"))
    }
}
