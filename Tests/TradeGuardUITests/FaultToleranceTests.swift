import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Issue 8 in the app, in-process: a read-only database, a database locked by another program,
/// damage met while browsing, and resize storms. Each case: a clear message, the user's input
/// kept, nothing half-written, no crash.
struct FaultToleranceTests {
    static let why = "its folder /srv/tg cannot be written"

    /// The demo database is built once (it takes seconds) and copied for each test.
    static let template: String = {
        let (folder, store) = try! UIFixture.demo()
        store.close()
        let keep = FileManager.default.temporaryDirectory.appendingPathComponent("tg-ui-fault-\(UUID().uuidString).sqlite").path
        try! FileManager.default.copyItem(atPath: folder.path("demo.sqlite"), toPath: keep)
        return keep
    }()

    /// A private copy of the demo database, open.
    func demo(busyTimeoutMs: Int32 = 5_000) throws -> (UIFixture.Folder, Store) {
        let folder = UIFixture.Folder()
        try FileManager.default.copyItem(atPath: Self.template, toPath: folder.path("demo.sqlite"))
        return (folder, try Store(path: folder.path("demo.sqlite"), create: false, busyTimeoutMs: busyTimeoutMs, random: .seeded(1)))
    }

    /// The demo database, closed, reopened as the app would open it read-only.
    func readOnlyApp(as handle: String) throws -> (UIFixture.Folder, Store, ScriptRunner, path: String) {
        let (folder, writable) = try demo()
        let path = writable.path
        writable.close()
        let store = try Store(path: path, readOnly: true, create: false)
        var clock = 0.0
        let app = try AppModel(store: store, as: try Handle(handle), time: .utc, uptime: { clock += 0.001; return clock },
                               readOnlyReason: Self.why)
        return (folder, store, ScriptRunner(app: app, terminal: InMemoryTerminal(rows: 24, cols: 80)), path)
    }

    @Test func readOnlyShowsABannerDisablesEveryChangeWithItsReasonAndStillBrowses() throws {
        let (folder, store, runner, path) = try readOnlyApp(as: "shenzhen-bright")
        defer { _ = folder }
        let before = try #require(FileManager.default.contents(atPath: path))
        func run(_ text: String) throws { try runner.run(Script.parse(text, name: "ro")) }
        var screen: Canvas { runner.terminal.screen }
        let refusal = "Read-only: \(Self.why); nothing can be changed."

        #expect(screen.line(0).hasPrefix(" READ-ONLY "), "title: \(screen.line(0))")
        #expect(screen.line(22).contains("READ-ONLY — \(Self.why); changes are disabled."), "status: \(screen.line(22))")

        // Browsing works: tabs, moving, opening an order.
        try run("key 4\nkey G")
        let row = try #require(runner.app.workspace?.currentList?.selected)
        try run("key k")
        #expect(runner.app.workspace?.currentList?.selected == row - 1, "the selection moved")
        // The hint bar offers no change (a writable app offers cancel here, see below).
        #expect(!screen.line(23).contains("cancel") && !screen.line(23).contains("new"), "hints: \(screen.line(23))")

        // Keys: each change is refused with the reason, no form or question opens.
        for key in ["c", "x", "+", "i", "u"] {
            try run("key \(key)")
            #expect(runner.app.overlay == nil, "key \(key) opened an overlay")
            #expect(runner.app.toast?.text == refusal, "key \(key): \(runner.app.toast?.text ?? "no message")")
        }
        // The palette: same refusal, and its list says why beside the command.
        try run("key :\ntype \"order.cancel\"")
        #expect(screen.text.contains("order.cancel") && screen.text.contains("(Read-only: \(Self.why)"), "palette:\n\(screen.text)")
        try run("key Enter")
        #expect(runner.app.toast?.text == refusal)
        try run("cmd clock.advance 1d")
        #expect(runner.app.toast?.text == refusal)
        // The help lists the same reason against every change, and none against browsing.
        let help = HelpOverlay.lines(HelpModel(), registry: runner.app.registry, here: runner.app.screenContext,
                                     whyDisabled: { $0.disabledReason(runner.app) }).map(\.0)
        for id in ["order.confirm", "order.pay", "draft.new", "order.edit", "limits.activate", "clock.advance"] {
            let line = try #require(help.first { $0.contains(" \(id) ") }, "\(id) in the help")
            #expect(line.contains("(\(refusal))"), "help: \(line)")
        }
        #expect(help.first { $0.contains(" nav.down ") }?.contains("Read-only") == false)
        try run("key Enter\nexpect \"TG-\"")
        #expect(runner.app.workspace?.detail != nil, "an order opens")

        store.close()
        #expect(FileManager.default.contents(atPath: path) == before, "nothing was written")
    }

    @Test func aWritableAppHasNoBannerAndOffersChanges() throws {
        let (folder, store) = try demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "shenzhen-bright")
        try runner.run(Script.parse("key 4\nkey G", name: "rw"))
        #expect(!runner.terminal.screen.line(0).contains("READ-ONLY"))
        #expect(runner.terminal.screen.line(23).contains("cancel"))
        #expect(app.readOnlyReason == nil)
    }

    // MARK: Another program holds the database

    /// A second connection holding `BEGIN EXCLUSIVE`, as another program would.
    final class Holder {
        let db: Database
        init(_ path: String) throws {
            db = try Database(path: path, mode: .readWrite(create: false))
            try db.execute("BEGIN EXCLUSIVE")
        }
        func release() throws { try db.execute("COMMIT") }
        deinit { db.close(checkpoint: false) }
    }

    /// The demo database reopened with a short busy timeout, so a held lock shows quickly.
    func lockableApp(as handle: String) throws -> (UIFixture.Folder, Store, ScriptRunner) {
        let (folder, store) = try demo(busyTimeoutMs: 150)
        let (_, runner) = try UIFixture.app(store, as: handle)
        return (folder, store, runner)
    }

    @Test func theAppStartsAndBrowsesWhileAnotherProgramHoldsTheLock() throws {
        let (folder, first) = try demo()
        defer { _ = folder }
        let path = first.path
        first.close()
        let holder = try Holder(path)
        let store = try Store(path: path, create: false, busyTimeoutMs: 150)
        let (_, runner) = try UIFixture.app(store, as: "tanaka-shoji")
        try runner.run(Script.parse("key 5\nkey g\nexpect \"TG-\"", name: "locked"))
        try holder.release()
        store.close()
    }

    @Test func aBusyPaymentKeepsTheFormAndSucceedsOnceTheLockIsReleased() throws {
        let (folder, store, runner) = try lockableApp(as: "tanaka-shoji")
        defer { _ = folder }
        func run(_ text: String) throws { try runner.run(Script.parse(text, name: "busy")) }
        try run("key 5\nkey g\nkey p")
        guard case let .form(form)? = runner.app.overlay else { Issue.record("no pay form"); return }
        for _ in 0..<12 { try run("key Backspace") }
        try run("type \"1.00\"\nkey Tab Right")
        let typed = form.fields.map(\.value)
        let paymentsBefore = try store.order(form.code).payments.count

        let holder = try Holder(store.path)
        try run("key Enter\nexpect \"Pay \"\nkey y")
        guard case let .form(kept)? = runner.app.overlay else { Issue.record("the form was not kept: \(runner.terminal.screen.text)"); return }
        #expect(kept === form && kept.fields.map(\.value) == typed, "what was typed is kept")
        #expect(kept.message == StoreError.busy.description + " Press Enter to try again.")
        #expect(runner.terminal.screen.text.contains("The database is busy"))
        try holder.release()
        #expect(try store.order(form.code).payments.count == paymentsBefore, "nothing was written while locked")

        try run("key Enter\nexpect \"Pay \"\nkey y\nexpect \"Paid \"")
        #expect(runner.app.overlay == nil)
        #expect(try store.order(form.code).payments.count == paymentsBefore + 1)
        #expect(try store.check().faults == [])
    }

    @Test func aBusyConfirmationStaysOpenAndPressingYAgainRetries() throws {
        let (folder, store, runner) = try lockableApp(as: "shenzhen-bright")
        defer { _ = folder }
        func run(_ text: String) throws { try runner.run(Script.parse(text, name: "busy")) }
        let code = try #require(OrderCode("TG-0000048"))
        try run("key 3\nexpect \"TG-0000048\"\nkey u\nexpect \"Submit TG-0000048\"")
        let holder = try Holder(store.path)
        try run("key y")
        guard case .confirm? = runner.app.overlay else { Issue.record("the question was closed"); return }
        #expect(runner.terminal.screen.text.contains("The database is busy"))
        #expect(try store.order(code).state == .draft)
        try holder.release()
        try run("key y\nexpect \"Submit for confirmation: done\"")
        #expect(try store.order(code).state == .awaitingConfirmation)
    }

    @Test func aBusyContractEditKeepsTheContractForm() throws {
        let (folder, store, runner) = try lockableApp(as: "shenzhen-bright")
        defer { _ = folder }
        func run(_ text: String) throws { try runner.run(Script.parse(text, name: "busy")) }
        let code = try #require(OrderCode("TG-0000048"))
        try run("key 3\nexpect \"TG-0000048\"\nkey i\nexpect \"Edit draft TG-0000048\"\nkey S-Tab\ntype \" Kept while busy\"")
        let holder = try Holder(store.path)
        try run("key Enter")
        guard case let .contract(form)? = runner.app.overlay else { Issue.record("the contract form was lost"); return }
        #expect(form.message?.hasPrefix(StoreError.busy.description) == true, "\(form.message ?? "no message")")
        try holder.release()
        try run("key Enter\nexpect \"Edit draft: done\"")
        #expect(try store.order(code).contract.remarks.hasSuffix("Kept while busy"))
    }

    // MARK: Damage met while browsing

    @Test func aDamagedPageMetLaterIsOneSentenceNotACrash() throws {
        let (folder, first) = try demo()
        defer { _ = folder }
        let path = first.path
        // The events table (an order's history) is read only when an order is opened.
        let root = try #require(try first.db.scalarInt("SELECT rootpage FROM sqlite_schema WHERE name = 'events'"))
        let pageSize = try #require(try first.db.scalarInt("PRAGMA page_size"))
        first.close()
        let (app, runner) = try UIFixture.app(try Store(path: path, create: false), as: "hanse-kuechen")
        // The model directly, without the loop's work between keys: that would read the selected
        // order's history before the damage, and SQLite would keep the page in its cache.
        app.handle(.character("4"))
        #expect(app.render().text.contains("TG-"))
        // Another program damages the file under the running app: the events table's root page.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(pageSize)))
        try handle.close()
        // Work between keys meets the damage first: it shows nothing and leaves it to the key.
        app.workAhead()
        #expect(app.exitStatus == nil && app.toast == nil)
        try runner.run(Script.parse("key Enter", name: "corrupt"))
        let message = try #require(app.toast?.text)
        #expect(message == "The database file is damaged; run 'tradeguard check' and restore from a backup.", "\(message)")
        // Still running: browsing what can be read goes on.
        try runner.run(Script.parse("key 1\nkey 4\nexpect \"TG-\"", name: "corrupt"))
        #expect(app.exitStatus == nil)
    }

    // MARK: Resize storms

    @Test func aResizeStormEndsOnTheSameFrameAsAFreshStart() throws {
        let (folder, store) = try demo()
        defer { _ = folder }
        let steps = "key 4\nkey j j"
        func app() throws -> (AppModel, InMemoryTerminal) {
            let app = try AppModel(store: store, as: try Handle("hanse-kuechen"), time: .utc, uptime: { 0 })
            let terminal = InMemoryTerminal(rows: 30, cols: 100)
            let runner = ScriptRunner(app: app, terminal: terminal)
            try runner.run(Script.parse(steps, name: "storm"))
            return (app, terminal)
        }
        let (stormed, terminal) = try app()
        var random = SystemRandomNumberGenerator()
        var sizes: [(Int, Int)] = [(5, 20), (100, 300), (1, 1), (0, 0), (23, 79), (24, 80)]
        for _ in 0..<300 { sizes.append((Int.random(in: 5...100, using: &random), Int.random(in: 20...300, using: &random))) }
        for (i, (rows, cols)) in sizes.enumerated() {
            terminal.resize(rows: rows, cols: cols)
            // Some resizes arrive in bursts before the app draws; some interleave with keys.
            if i % 3 == 0 { continue }
            if i % 7 == 0 { terminal.enqueue(.character("j")); terminal.enqueue(.character("k")) }
            while let key = terminal.nextKey(timeoutMs: 0) {
                if key == .resize { stormed.size = terminal.size }
                stormed.handle(key)
                let frame = stormed.render()
                #expect(frame.rows == terminal.size.rows && frame.cols == terminal.size.cols)
                terminal.present(frame, theme: .plain)
            }
        }
        terminal.resize(rows: 30, cols: 100)
        while let key = terminal.nextKey(timeoutMs: 0) {
            if key == .resize { stormed.size = terminal.size }
            stormed.handle(key)
        }
        let (fresh, _) = try app()
        #expect(stormed.exitStatus == nil)
        #expect(stormed.render().text == fresh.render().text)
        #expect(stormed.render().text.contains("TG-"))
    }
}
