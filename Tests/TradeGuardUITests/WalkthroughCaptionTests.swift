import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Issue 20 item 4: a step's caption is true of the screen it leaves, for as long as the step is
/// shown; item 5: the built-in walkthroughs pass `demo --check`'s checker, whose `expect` lines
/// back each caption's claim.
struct WalkthroughCaptionTests {
    /// Every built-in walkthrough passes the checker `demo --check` runs, at the smallest terminal
    /// and a larger one (the caption panel's rows are not counted as seen).
    @Test(arguments: BuiltInWalkthroughs.all.map(\.name), [(24, 80), (30, 100)])
    func builtInPassesTheCheck(_ name: String, _ size: (Int, Int)) throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let walkthrough = try Walkthrough(try Script.parse(BuiltInWalkthroughs.named(name)!, name: name))
        let (app, _) = try UIFixture.app(store, as: nil, rows: size.0, cols: size.1)
        #expect(try ScriptCheck.run(walkthrough, on: app, rows: size.0, cols: size.1) == walkthrough.steps.count)
    }

    /// The text a person sees outside the caption panel.
    static func visible(_ canvas: Canvas) -> String {
        (0..<canvas.rows).filter { canvas.roleLine($0).first != .caption }.map { canvas.line($0) }.joined(separator: "\n")
    }

    /// A trainer reads each caption for a while (the app's messages would have faded): what the
    /// step's closing `expect` lines claim is still on screen when the next step is asked for.
    @Test(arguments: BuiltInWalkthroughs.all.map(\.name), [(24, 80), (30, 100)])
    func aStepsClaimsStayOnScreenWhileItIsShown(_ name: String, _ size: (Int, Int)) throws {
        let terminal = RecordingTerminal(InMemoryTerminal(rows: size.0, cols: size.1))
        let walkthrough = try Walkthrough(try Script.parse(BuiltInWalkthroughs.named(name)!, name: name))
        var folders: [UIFixture.Folder] = []
        let player = try DemoPlayer(walkthrough: walkthrough, terminal: terminal, theme: .plain, delaySeconds: 1, makeApp: {
            let (folder, store) = try UIFixture.demo()
            folders.append(folder)
            var t = 0.0
            // Each look at the clock is a second later: every toast has expired by the next tick.
            return try AppModel(store: store, as: nil, time: .utc, uptime: { t += 1; return t })
        }, prepareStepBack: false)
        var keys: [Key?] = []
        for _ in walkthrough.steps { keys += [.character(" "), nil, nil, nil] }
        terminal.script = keys
        _ = player.run()
        // The frame before each step's next Space (the last one before the next step begins).
        var seen: [String] = []
        var step = 0
        for frame in terminal.frames {
            let text = frame.text
            if text.contains("Step \(step + 1)/\(walkthrough.steps.count):") { step += 1 }
            if step > 0 { if seen.count < step { seen.append("") }; seen[step - 1] = Self.visible(frame) }
        }
        #expect(seen.count == walkthrough.steps.count)
        // The player's keys replace the app's hint bar whole: nothing of it shows after them.
        let last = try #require(terminal.frames.last)
        #expect(last.line(last.rows - 1).hasSuffix("t take over  q quit"), "\(last.line(last.rows - 1))")
        for (index, screen) in seen.enumerated() {
            // A step's closing `expect` lines are its caption's claims (earlier ones check the way there).
            let closing = walkthrough.steps[index].actions.reversed().prefix { if case .expect = $0.step { true } else { false } }
            #expect(!closing.isEmpty, "step \(index + 1) has no closing expect")
            for case let (_, .expect(text)) in closing {
                #expect(screen.contains(text), "step \(index + 1) (\(walkthrough.steps[index].title)) lost \"\(text)\":\n\(screen)")
            }
        }
    }

    /// Stepping back redoes the steps before: each still shows only its own message, as it did
    /// going forward (a message of the step before is not kept up for a step without one).
    @Test func aStepBackShowsTheStepAsItWasShownForward() throws {
        let terminal = RecordingTerminal(InMemoryTerminal(rows: 30, cols: 100))
        let script = "as shenzhen-bright\ncaption \"One | a\"\nkey 7\ncaption \"Two | b\"\nkey 2\ncaption \"Three | c\"\n"
        let walkthrough = try Walkthrough(try Script.parse(script, name: "w"))
        var folders: [UIFixture.Folder] = []
        let player = try DemoPlayer(walkthrough: walkthrough, terminal: terminal, theme: .plain, delaySeconds: 1, makeApp: {
            let (folder, store) = try UIFixture.demo()
            folders.append(folder)
            var t = 0.0
            return try AppModel(store: store, as: nil, time: .utc, uptime: { t += 0.001; return t })
        }, prepareStepBack: false)
        terminal.script = [.character(" "), .character(" "), .character(" "), .left]
        _ = player.run()
        let forward = try #require(terminal.frames.first { $0.text.contains("Step 2/3") })
        let back = try #require(terminal.frames.last)
        #expect(back.text.contains("Step 2/3"))
        #expect(!Self.visible(forward).contains("Acting as"))
        #expect(!Self.visible(back).contains("Acting as"), "\(Self.visible(back))")
    }
}

/// `demo --check --split` (issue 20 leftover: the check covered one pane only): every built-in
/// walkthrough holds as the split player plays it, each step's `as` routing it to the seller's
/// pane or the buyer's.
struct SplitScriptCheckTests {
    @Test(arguments: BuiltInWalkthroughs.all.map(\.name))
    func builtInPassesTheSplitCheck(_ name: String) throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let walkthrough = try Walkthrough(try Script.parse(BuiltInWalkthroughs.named(name)!, name: name))
        let seller = try AppModel(store: store, as: try Handle("shenzhen-bright"), time: .utc, uptime: { 0 })
        let buyer = try AppModel(store: try Store(path: store.path, create: false), as: try Handle("hanse-kuechen"), time: .utc, uptime: { 0 })
        #expect(try ScriptCheck.runSplit(walkthrough, seller: seller, buyer: buyer) == walkthrough.steps.count)
    }

    /// The check can fail: an `expect` the buyer's pane does not show is reported with its line.
    @Test func aClaimTheRoutedPaneDoesNotShowFails() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let script = "as hanse-kuechen\nkey 2\nexpect \"Why the limit is\"\ncaption \"Limits | not the buyer's tab\"\n"
        let walkthrough = try Walkthrough(try Script.parse(script, name: "w.tgs"))
        let seller = try AppModel(store: store, as: try Handle("shenzhen-bright"), time: .utc, uptime: { 0 })
        let buyer = try AppModel(store: try Store(path: store.path, create: false), as: try Handle("hanse-kuechen"), time: .utc, uptime: { 0 })
        let failure = #expect(throws: ScriptFailure.self) { try ScriptCheck.runSplit(walkthrough, seller: seller, buyer: buyer) }
        #expect(failure?.line == 3, "\(String(describing: failure))")
    }
}
