import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The demo database on a fixed day, shared read-only by the screen tests (building it takes
/// seconds). Screens are rendered in UTC so golden files read the same everywhere.
enum UIFixture {
    static let now = Instant.parse("2026-11-27T09:30:00Z")!

    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tg-ui-\(UUID().uuidString)")
        init() { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// A fresh demo database in its own folder.
    static func demo() throws -> (Folder, Store) {
        let folder = Folder()
        let store = try Store(path: folder.path("demo.sqlite"), random: .seeded(1))
        try DemoData.build(into: store, now: now)
        return (folder, store)
    }

    /// A fresh database of 1,200 generated orders (a quarter of them seed-s0001's), in its own
    /// folder: enough for lists longer than a screen and filters with more than a page of matches.
    static func seeded() throws -> (Folder, Store) {
        let folder = Folder()
        let store = try Store(path: folder.path("seeded.sqlite"), random: .seeded(1))
        _ = try Seeder.seed(store, orders: 1_200, seed: 3)
        return (folder, store)
    }

    /// The app on a fresh `seeded()` database, acting as its biggest supplier (seed-s0001) on
    /// a 24×100 screen.
    static func seededApp() throws -> (Folder, Store, AppModel) {
        let (folder, store) = try seeded()
        let app = try AppModel(store: store, as: try Handle("seed-s0001"), time: .utc, uptime: { 0 })
        app.size = (24, 100)
        return (folder, store, app)
    }

    /// The app on `store` at `rows`×`cols`, acting as `handle` (nil: the party picker).
    static func app(_ store: Store, as handle: String?, rows: Int = 24, cols: Int = 80) throws -> (AppModel, ScriptRunner) {
        var clock = 0.0
        let app = try AppModel(store: store, as: handle.map { try Handle($0) }, time: .utc, uptime: { clock += 0.001; return clock })
        let terminal = InMemoryTerminal(rows: rows, cols: cols)
        return (app, ScriptRunner(app: app, terminal: terminal))
    }

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The runner's screen must equal Golden/NAME.txt; a differing one is written beside it as
    /// NAME.txt.new for review (and removed once they agree).
    static func expectGolden(_ name: String, _ runner: ScriptRunner, sourceLocation: SourceLocation = #_sourceLocation) {
        let screen = runner.terminal.screen.text + "\n"
        let newFile = goldenFolder.appendingPathComponent(name + ".txt.new")
        if golden(name) == screen {
            try? FileManager.default.removeItem(at: newFile)
            return
        }
        try? screen.write(to: newFile, atomically: true, encoding: .utf8)
        Issue.record("screen \(name) differs from Golden/\(name).txt (see \(name).txt.new)", sourceLocation: sourceLocation)
    }

    static func golden(_ name: String) -> String? {
        try? String(contentsOf: goldenFolder.appendingPathComponent(name + ".txt"), encoding: .utf8)
    }
}
