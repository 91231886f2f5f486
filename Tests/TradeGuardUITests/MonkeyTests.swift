import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Random keys through the real key path, in both modes: no crash, every frame drawable, and the
/// database still passes `check`. `swift test` runs a short, seeded burst; set
/// TRADEGUARD_MONKEY_SECONDS for the long run (e.g. 600 for ten minutes per mode).
struct MonkeyTests {
    static let keys: [Key] = [.up, .down, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab, .left, .right,
                              .backspace, .control("n"), .control("d")]
        + Array("jkgGsnN/:?123456789uxcrpPltTyhReadE!+iLAqQ 0.5-,TGabc日é".map { Key.character($0) })

    @Test(arguments: ["shenzhen-bright", "hanse-kuechen"])
    func randomKeysNeverBreakAnything(_ party: String) throws {
        let seconds = Double(ProcessInfo.processInfo.environment["TRADEGUARD_MONKEY_SECONDS"] ?? "") ?? 0
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        var rng = SplitMix64(seed: party == "hanse-kuechen" ? 2 : 1)
        let started = Date()
        var pressed = 0
        var app: AppModel
        var runner: ScriptRunner
        (app, runner) = try UIFixture.app(store, as: party)
        while pressed < 3_000 || Date().timeIntervalSince(started) < seconds {
            let key = Self.keys[Int(rng.next() % UInt64(Self.keys.count))]
            // Quitting ends a session; start a new one as a person would.
            if key == .character("Q") || app.exitStatus != nil {
                (app, runner) = try UIFixture.app(store, as: party)
                continue
            }
            if rng.next() % 97 == 0 {
                runner.terminal.resize(rows: Int(8 + rng.next() % 40), cols: Int(20 + rng.next() % 120))
            }
            runner.terminal.enqueue(key)
            while let next = runner.terminal.nextKey(timeoutMs: 0) {
                if next == .resize { app.size = runner.terminal.size }
                app.handle(next)
                _ = app.render()
            }
            pressed += 1
        }
        let report = try store.check()
        #expect(report.faults == [], "after \(pressed) keys")
    }
}
