import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `tradeguard` binary in a real terminal (tmux), driven like a person would.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed; .ci/run installs it"))
struct AppEndToEndTests {
    /// A demo database made once per test with `tradeguard init`, in the harness's folder.
    func demoDatabase(in tmux: TmuxHarness) throws -> (bin: String, db: String) {
        guard let bin = TmuxHarness.builtProgram() else { throw TmuxHarness.Failure(description: "tradeguard binary not found") }
        let db = tmux.folder + "/demo.sqlite"
        let made = TmuxHarness.shell("\(TmuxHarness.quote(bin)) init --db \(TmuxHarness.quote(db))", mergeErrors: true)
        guard made.status == 0 else { throw TmuxHarness.Failure(description: "init failed: \(made.output)") }
        return (bin, db)
    }

    @Test func startMoveFilterResizeAndQuitLeavesTheTerminalUsable() throws {
        let tmux = try TmuxHarness()
        let (bin, db) = try demoDatabase(in: tmux)
        try tmux.start(command: "\(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db))", cols: 100, rows: 30,
                       after: "stty -a > \(TmuxHarness.quote(tmux.folder + "/stty"))")
        try tmux.waitFor("Choose who to act as")
        tmux.send(keys: ["j", "j", "Enter"])
        try tmux.waitFor("Seller · Shenzhen Bright")
        try tmux.waitFor("Awaiting you")
        tmux.send(keys: ["7"])
        try tmux.waitFor("by code")
        tmux.send(keys: ["j", "j", "j"])
        try tmux.waitFor("row 4 of ")
        tmux.send(keys: ["/"])
        tmux.type("LED")
        try tmux.waitFor("matches")
        tmux.send(keys: ["Enter"])
        try tmux.waitFor("filter: LED")
        // Colours reach the terminal (256-colour SGR from the default theme).
        #expect(tmux.captureWithColours().contains("\u{1B}[38;5;"))
        tmux.resize(cols: 30, rows: 8)
        try tmux.waitFor("Terminal too small")
        tmux.resize(cols: 100, rows: 30)
        try tmux.waitFor("filter: LED")
        tmux.send(keys: ["Q"])
        #expect(try tmux.waitForExit() == 0)
        let modes = (try? String(contentsOfFile: tmux.folder + "/stty", encoding: .utf8)) ?? ""
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal modes after exit: \(modes)")
    }

    @Test func ctrlCExits130AndRestoresTheTerminal() throws {
        let tmux = try TmuxHarness()
        let (bin, db) = try demoDatabase(in: tmux)
        try tmux.start(command: "\(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db)) --as hanse-kuechen",
                       after: "stty -a > \(TmuxHarness.quote(tmux.folder + "/stty"))")
        try tmux.waitFor("Buyer · Hanse")
        tmux.send(keys: ["C-c"])
        #expect(try tmux.waitForExit() == 130)
        let modes = (try? String(contentsOfFile: tmux.folder + "/stty", encoding: .utf8)) ?? ""
        #expect(modes.contains(" icanon") && modes.contains(" echo"))
    }

    @Test func noColorAndALinuxConsoleStillRead() throws {
        let plain = try TmuxHarness()
        let (bin, db) = try demoDatabase(in: plain)
        try plain.start(command: "\(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db)) --as hanse-kuechen", env: ["NO_COLOR": "1"])
        try plain.waitFor("Buyer · Hanse")
        #expect(!plain.captureWithColours().contains("\u{1B}[38;5;"))
        plain.send(keys: ["Q"])
        #expect(try plain.waitForExit() == 0)

        let linux = try TmuxHarness()
        let (bin2, db2) = try demoDatabase(in: linux)
        try linux.start(command: "\(TmuxHarness.quote(bin2)) --db \(TmuxHarness.quote(db2)) --as hanse-kuechen", env: ["TERM": "linux"])
        let screen = try linux.waitFor("Awaiting you")
        #expect(screen.contains("Buyer · Hanse"))
        linux.send(keys: ["Q"])
        #expect(try linux.waitForExit() == 0)
    }

    @Test func notATerminalIsOneSentenceAndExit2() throws {
        guard let bin = TmuxHarness.builtProgram() else { Issue.record("no binary"); return }
        let result = TmuxHarness.shell("\(TmuxHarness.quote(bin)) --db /nonexistent/x.sqlite < /dev/null > /dev/null", mergeErrors: true)
        #expect(result.status == 2)
        #expect(result.output.contains("interactive terminal"))
    }

    /// Issue 5: a seller and a buyer in their own terminals on one database. The buyer's screen
    /// shows the seller's submission without a key being pressed.
    @Test func theBuyerSeesTheSellersSubmissionWithoutPressingAKey() throws {
        let seller = try TmuxHarness()
        let (bin, db) = try demoDatabase(in: seller)
        let buyer = try TmuxHarness()
        try buyer.start(command: "\(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db)) --as hanse-kuechen")
        try buyer.waitFor("Buyer · Hanse")
        buyer.send(keys: ["4"])
        try buyer.waitFor("TG-0000043")
        #expect(!buyer.capture().contains("TG-0000048"))

        try seller.start(command: "\(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db)) --as shenzhen-bright")
        try seller.waitFor("Seller · Shenzhen")
        seller.send(keys: ["3"])
        try seller.waitFor("TG-0000048")
        seller.send(keys: ["u"])
        try seller.waitFor("Submit TG-0000048")
        seller.send(keys: ["y"])
        try seller.waitFor("Submit for confirmation: done")

        // No key is sent to the buyer: the poll of PRAGMA data_version brings the order in.
        let start = TmuxHarness.now()
        let screen = try buyer.waitFor("TG-0000048", timeout: 5)
        // Confirmations says whose move each row is: this one is the buyer's.
        #expect(screen.split(separator: "\n").contains { $0.contains("TG-0000048") && $0.contains(" you ") }, "\(screen)")
        #expect(TmuxHarness.now() - start < 3)
        seller.send(keys: ["Q"])
        buyer.send(keys: ["Q"])
        #expect(try seller.waitForExit() == 0)
        #expect(try buyer.waitForExit() == 0)
    }
}

@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed; .ci/run installs it"))
struct DemoEndToEndTests {
    /// `tradeguard demo` plays in a real terminal and never touches the user's own database.
    @Test func demoStepsAndLeavesTheUsersDatabaseAlone() throws {
        let tmux = try TmuxHarness()
        guard let bin = TmuxHarness.builtProgram() else { Issue.record("no binary"); return }
        let own = tmux.folder + "/mine.sqlite"
        _ = TmuxHarness.shell("\(TmuxHarness.quote(bin)) init --db \(TmuxHarness.quote(own))")
        let before = try Data(contentsOf: URL(fileURLWithPath: own))
        try tmux.start(command: "\(TmuxHarness.quote(bin)) demo", cols: 100, rows: 30,
                       env: ["TRADEGUARD_DB": own, "XDG_CACHE_HOME": tmux.folder + "/cache"])
        try tmux.waitFor("Walkthrough: basics", timeout: 20)
        tmux.send(keys: ["Space"])
        try tmux.waitFor("Step 1/")
        tmux.send(keys: ["Space"])
        try tmux.waitFor("Step 2/")
        tmux.send(keys: ["q"])
        #expect(try tmux.waitForExit() == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: own)) == before)
    }

    /// `demo --split` at 161×30: seller and buyer side by side with a gutter, stepped through to the end.
    @Test func splitDemoStepsThroughToTheEnd() throws {
        let tmux = try TmuxHarness()
        guard let bin = TmuxHarness.builtProgram() else { Issue.record("no binary"); return }
        try tmux.start(command: "\(TmuxHarness.quote(bin)) demo --split", cols: 161, rows: 30, env: ["XDG_CACHE_HOME": tmux.folder + "/cache"])
        try tmux.waitFor("Walkthrough: basics", timeout: 20)
        #expect(tmux.capture().contains("Buyer · Hanse"))
        for step in 1...15 {
            tmux.send(keys: ["Space"])
            try tmux.waitFor("Step \(step)/15", timeout: 20)
        }
        let end = try tmux.waitFor("That is the end")
        #expect(end.contains("Seller · Ningbo") && end.contains("Why the limit is US$8,000.00"))
        tmux.send(keys: ["q"])
        #expect(try tmux.waitForExit() == 0)
    }

    /// The demo history is built once (per binary and day) into the cache folder and copied for
    /// each walkthrough and each step back, not replayed (issue 20).
    @Test func theDemoDatabaseComesFromATemplateBuiltOnce() throws {
        let tmux = try TmuxHarness()
        guard let bin = TmuxHarness.builtProgram() else { Issue.record("no binary"); return }
        let cache = tmux.folder + "/cache"
        let templates = cache + "/tradeguard/demo"
        func play() throws {
            let tmux = try TmuxHarness()   // one command per harness; the cache is the first one's
            try tmux.start(command: "\(TmuxHarness.quote(bin)) demo", cols: 100, rows: 30, env: ["XDG_CACHE_HOME": cache])
            try tmux.waitFor("Walkthrough: basics", timeout: 20)
            tmux.send(keys: ["Space"])
            try tmux.waitFor("Step 1/")
            tmux.send(keys: ["Left"])
            try tmux.waitFor("Walkthrough: basics")
            tmux.send(keys: ["q"])
            #expect(try tmux.waitForExit() == 0)
        }
        func identity(_ path: String) -> String {
            var info = stat()
            return stat(path, &info) == 0 ? "\(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" : "missing"
        }
        try play()
        let made = ((try? FileManager.default.contentsOfDirectory(atPath: templates)) ?? []).filter { $0.hasSuffix(".sqlite") }
        try #require(made.count == 1, "one template in \(templates): \(made)")
        let template = templates + "/" + made[0]
        let first = identity(template)
        let check = TmuxHarness.shell("\(TmuxHarness.quote(bin)) check --db \(TmuxHarness.quote(template))", mergeErrors: true)
        #expect(check.status == 0 && check.output.hasPrefix("ok — "), "\(check.output)")
        try play()
        #expect(identity(template) == first, "the template was rebuilt")
    }

    /// `demo --check` (issue 20 item 5): a script checked headless, without a terminal.
    @Test func aScriptIsCheckedWithoutPlayingIt() throws {
        guard let bin = TmuxHarness.builtProgram() else { Issue.record("no binary"); return }
        let folder = try TmuxHarness()
        let env = "XDG_CACHE_HOME=\(TmuxHarness.quote(folder.folder + "/cache")) "
        func check(_ text: String) throws -> (status: Int32, output: String) {
            let script = folder.folder + "/mine.tgs"
            try text.write(toFile: script, atomically: true, encoding: .utf8)
            return TmuxHarness.shell(env + "\(TmuxHarness.quote(bin)) demo --check \(TmuxHarness.quote(script)) < /dev/null", mergeErrors: true)
        }
        let good = try check("as ningbo-homeware\nkey 2\nexpect \"Why the limit is US$5,000.00\"\ncaption \"Limit | shown\"\n")
        #expect(good.status == 0 && good.output.contains("mine.tgs: 1 step, all expectations hold"), "\(good.output)")
        let wrong = try check("as ningbo-homeware\nkey 2\nexpect \"US$9,999.00\"\ncaption \"Limit | shown\"\n")
        #expect(wrong.status == 1 && wrong.output.contains("mine.tgs:3: expected \"US$9,999.00\" on screen"), "\(wrong.output)")
        let broken = try check("caption \"Hello | there\"\nkey Hyper\n")
        #expect(broken.status == 2 && broken.output.contains("mine.tgs:2: unknown key 'Hyper'"), "\(broken.output)")
        let builtIn = TmuxHarness.shell(env + "\(TmuxHarness.quote(bin)) demo --check basics < /dev/null", mergeErrors: true)
        #expect(builtIn.status == 0 && builtIn.output.contains("basics.tgs: 15 steps, all expectations hold"), "\(builtIn.output)")
        // As --split plays it: the seller's pane and the buyer's.
        let split = TmuxHarness.shell(env + "\(TmuxHarness.quote(bin)) demo --check basics --split < /dev/null", mergeErrors: true)
        #expect(split.status == 0 && split.output.contains("basics.tgs: 15 steps, all expectations hold in split panes"), "\(split.output)")
    }

    @Test func aBrokenScriptIsReportedBeforeAnythingStarts() throws {
        guard let bin = TmuxHarness.builtProgram() else { Issue.record("no binary"); return }
        let folder = try TmuxHarness()
        let script = folder.folder + "/mine.tgs"
        try "caption \"Hello | there\"\nkey Hyper\n".write(toFile: script, atomically: true, encoding: .utf8)
        let result = TmuxHarness.shell("\(TmuxHarness.quote(bin)) demo --script \(TmuxHarness.quote(script)) < /dev/null", mergeErrors: true)
        #expect(result.status == 1)
        #expect(result.output.contains("mine.tgs:2: unknown key 'Hyper'"))
    }
}
