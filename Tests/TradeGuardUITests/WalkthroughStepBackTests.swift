import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// A step back in the walkthrough (issue 20) is made ready between keys, so Left is instant when
/// the trainer has paused on a step; when it is not ready and the work is expected to take longer
/// than 100 ms (by what the same work took before), the caption says "Preparing …" first. Redone
/// steps leave the connection committing with an fsync again.
struct WalkthroughStepBackTests {
    func play(secondsPerClockRead: Double, keys: [Key?]) throws -> (frames: [String], stores: [Store], folders: [UIFixture.Folder]) {
        let terminal = RecordingTerminal(InMemoryTerminal(rows: 30, cols: 100))
        let walkthrough = try Walkthrough(try Script.parse(BuiltInWalkthroughs.named("basics")!, name: "basics"))
        var folders: [UIFixture.Folder] = [], stores: [Store] = []
        var now = 0.0
        let player = try DemoPlayer(walkthrough: walkthrough, terminal: terminal, theme: .plain, delaySeconds: 1, makeApp: {
            let (folder, store) = try UIFixture.demo()
            folders.append(folder)
            stores.append(store)
            var t = 0.0
            return try AppModel(store: store, as: nil, time: .utc, uptime: { t += 0.001; return t })
        }, clock: { now += secondsPerClockRead; return now })
        terminal.script = keys
        #expect(player.run() == 0)
        return (terminal.frames.map(\.text), stores, folders)
    }

    @Test func slowWorkIsAnnouncedAndQuickWorkIsNot() throws {
        let keys: [Key?] = [.character(" "), .character(" "), .character(" "), .left, .character("q")]
        // Every step "takes" 80 ms: the step back redoes two of them after a fresh start, 240 ms.
        let slow = try play(secondsPerClockRead: 0.08, keys: keys)
        #expect(slow.frames.contains { $0.contains("Preparing step 2 …") }, "no preparing line in \(slow.frames.count) frames")
        #expect(slow.frames.last?.contains("Step 2/") == true)
        #expect(!(slow.frames.last?.contains("Preparing") ?? true))
        // The replayed connection commits with an fsync again.
        #expect(try slow.stores.last?.db.scalarInt("PRAGMA synchronous") == 2)

        let quick = try play(secondsPerClockRead: 0.001, keys: keys)
        #expect(!quick.frames.contains { $0.contains("Preparing") })
        #expect(quick.frames.last?.contains("Step 2/") == true)
    }

    /// A step forward shown for the first time has no time of its own yet: it is estimated from
    /// the seconds per scripted action so far, so a slow one is announced too.
    @Test func aSlowFirstStepForwardIsAnnounced() throws {
        let keys: [Key?] = [.character(" "), .character(" "), .character("q")]
        let slow = try play(secondsPerClockRead: 0.3, keys: keys)
        #expect(slow.frames.contains { $0.contains("Preparing step 2 …") }, "no preparing line in \(slow.frames.count) frames")
        #expect(slow.frames.last?.contains("Step 2/") == true)
        let quick = try play(secondsPerClockRead: 0.001, keys: keys)
        #expect(!quick.frames.contains { $0.contains("Preparing") })
    }

    @Test func aPauseMakesTheStepBackReadyAndLeftIsThenInstant() throws {
        // Three steps, a pause long enough to make the step back ready, then Left; then Left
        // again at once (not ready yet: redone on the spot), and a step forward from there.
        let pause = [Key?](repeating: nil, count: 12)
        let keys: [Key?] = [" ", " ", " "].map { Key.character($0) } + pause + [.left, .left, .character(" "), .character("q")]
        let played = try play(secondsPerClockRead: 0.08, keys: keys)
        let atThree = try #require(played.frames.firstIndex { $0.contains("Step 3/") })
        let backToTwo = try #require(played.frames[atThree...].firstIndex { $0.contains("Step 2/") })
        // The prepared world was swapped in: no "Preparing" on the way, and one database for the
        // start, one prepared ahead, one for the second (unprepared) step back.
        #expect(!played.frames[atThree...backToTwo].contains { $0.contains("Preparing") })
        #expect(played.frames.contains { $0.contains("Preparing step 1 …") })
        #expect(played.stores.count == 3, "\(played.stores.count) databases")
        #expect(played.frames.last?.contains("Step 2/") == true)
        for store in played.stores { #expect(try store.db.scalarInt("PRAGMA synchronous") == 2) }
        #expect(try played.stores[1].check().faults == [])
    }
}
