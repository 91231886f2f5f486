import Foundation
import Testing
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// Issue 8 with the real binary in a real terminal: damaged, foreign and newer files refused in
/// one line, a read-only database browsed under a banner, signals while a form is open or an
/// action commits, and resize storms. Each: no crash, nothing half-written, terminal restored.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed; .ci/run installs it"))
struct FaultTests {
    static func binary() throws -> String {
        guard let bin = TmuxHarness.builtProgram() else { throw TmuxHarness.Failure(description: "tradeguard binary not found") }
        return bin
    }

    /// `tradeguard init` (the demo data) at `path`.
    static func demoDatabase(_ path: String) throws {
        let made = TmuxHarness.shell("\(TmuxHarness.quote(try binary())) init --db \(TmuxHarness.quote(path))", mergeErrors: true)
        guard made.status == 0 else { throw TmuxHarness.Failure(description: "init failed: \(made.output)") }
    }

    static func tg(_ words: String, db: String) throws -> (status: Int32, output: String) {
        TmuxHarness.shell("\(TmuxHarness.quote(try binary())) \(words) --db \(TmuxHarness.quote(db))", mergeErrors: true)
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    static func patch(_ path: String, at offset: Int, _ data: Data) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: data)
        try handle.close()
    }

    // MARK: Files that are not ours, damaged or newer

    @Test func damagedForeignAndNewerFilesAreOneLineExitNonZeroAndLeftByteIdentical() throws {
        let tmux = try TmuxHarness()
        let folder = tmux.folder
        let good = folder + "/good.sqlite"
        try Self.demoDatabase(good)
        let size = try #require(Self.bytes(good)).count
        var cases: [String: String] = [:]   // file → what the one line must say
        func copy(_ name: String) throws -> String {
            let path = folder + "/" + name
            try FileManager.default.copyItem(atPath: good, toPath: path)
            return path
        }
        let notOurs = "is not a TradeGuard database: it is not an SQLite file, or it is damaged."
        try Self.patch(try copy("zeroed-header.sqlite"), at: 0, Data(repeating: 0, count: 100))
        cases["zeroed-header.sqlite"] = notOurs
        let truncated = try copy("truncated.sqlite")
        #expect(truncate(truncated, off_t(size / 3)) == 0)
        cases["truncated.sqlite"] = "damaged"
        _ = FileManager.default.createFile(atPath: folder + "/text.sqlite", contents: Data("these are my notes, not a database\n".utf8))
        cases["text.sqlite"] = notOurs
        _ = FileManager.default.createFile(atPath: folder + "/one-byte.sqlite", contents: Data([0x53]))
        cases["one-byte.sqlite"] = notOurs
        _ = FileManager.default.createFile(atPath: folder + "/empty.sqlite", contents: Data())
        cases["empty.sqlite"] = "is empty, not an initialised TradeGuard database"
        let foreign = try Database(path: folder + "/foreign.sqlite")
        try foreign.execute("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')")
        foreign.close()
        cases["foreign.sqlite"] = "belongs to another program"
        let otherID = try Database(path: try copy("other-app-id.sqlite"), mode: .readWrite(create: false))
        try otherID.setApplicationID(0x1234)
        otherID.close(checkpoint: true)
        cases["other-app-id.sqlite"] = "belongs to another program"
        let newer = try Database(path: try copy("newer.sqlite"), mode: .readWrite(create: false))
        try newer.setUserVersion(99)
        newer.close(checkpoint: true)
        cases["newer.sqlite"] = "newer TradeGuard (schema 99)"

        let names = cases.keys.sorted()
        var before: [String: Data] = [:]
        for name in names { before[name] = Self.bytes(folder + "/" + name) }
        // One terminal runs the app on each file in turn; each result goes to its own files.
        let bin = TmuxHarness.quote(try Self.binary())
        let loop = "for f in \(names.joined(separator: " ")); do \(bin) --db \"$f\" --as hanse-kuechen 2> \"$f.err\"; echo $? > \"$f.status\"; done"
        try tmux.start(command: loop)
        #expect(try tmux.waitForExit(timeout: 20) == 0)
        for name in names {
            let path = folder + "/" + name
            let status = (try? String(contentsOfFile: path + ".status", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            let stderr = (try? String(contentsOfFile: path + ".err", encoding: .utf8)) ?? ""
            #expect(status == "1", "\(name): exit \(status ?? "none"), stderr \(stderr)")
            #expect(stderr.hasPrefix("tradeguard: ") && stderr.split(separator: "\n").count == 1 && stderr.hasSuffix("\n"),
                    "\(name): one line: \(stderr)")
            #expect(stderr.contains(cases[name]!), "\(name): \(stderr)")
            #expect(!stderr.contains("SQLite error") && !stderr.contains("operation could not"), "\(name): \(stderr)")
            #expect(Self.bytes(path) == before[name], "\(name) was changed")
        }
        // Nothing of the app was left on screen: each run gave the terminal back.
        #expect(!tmux.capture().contains("Buyer ·"))
    }

    /// Bytes flipped in the middle of the file: refused at start, or met while browsing every
    /// tab and order — either way one clear sentence, no crash, the file untouched.
    @Test func bytesFlippedMidFileAreReportedWhenReachedNotACrash() throws {
        let tmux = try TmuxHarness()
        let db = tmux.folder + "/flipped.sqlite"
        try Self.demoDatabase(db)
        var data = try #require(Self.bytes(db))
        let pageSize = 4096
        // Every page from the middle on gets garbage in its body (the header page stays valid).
        for page in stride(from: (data.count / pageSize) / 2, to: data.count / pageSize, by: 1) {
            for i in stride(from: page * pageSize + 8, to: page * pageSize + pageSize, by: 97) { data[i] ^= 0x5A }
        }
        try data.write(to: URL(fileURLWithPath: db))
        let err = tmux.folder + "/flipped.err"
        try tmux.start(command: "\(TmuxHarness.quote(try Self.binary())) --db \(TmuxHarness.quote(db)) --as hanse-kuechen 2> \(TmuxHarness.quote(err))",
                       after: "stty -a > \(TmuxHarness.quote(tmux.folder + "/stty"))")
        let screen = try tmux.waitUntil("the app or its exit", timeout: 10) { $0.contains("Buyer ·") || !tmux.isRunning }
        if tmux.isRunning {
            _ = screen
            for tab in 1...8 {
                tmux.send(keys: ["\(tab)", "G", "Enter", "j", "Escape"])
            }
            // An Escape still unread when the next key arrives is Alt-that-key (it runs nothing):
            // a tab switch after the last Escape, so that Q below is read as Q on a busy machine.
            tmux.send(keys: ["1"])
            try tmux.waitFor("Buyer ·")
            let shown = tmux.capture()
            #expect(!shown.contains("SQLite error"), "\(shown)")
            tmux.send(keys: ["Q"])
            #expect(try tmux.waitForExit() == 0)
        } else {
            #expect(try tmux.waitForExit() == 1)
            let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            #expect(stderr.split(separator: "\n").count == 1 && (stderr.contains("damaged") || stderr.contains("not a TradeGuard database")), "\(stderr)")
        }
        let modes = (try? String(contentsOfFile: tmux.folder + "/stty", encoding: .utf8)) ?? ""
        #expect(modes.contains(" icanon") && modes.contains(" echo"))
        #expect(Self.bytes(db) == data, "the damaged file was left as it was")
    }

    // MARK: Read-only

    /// A WAL database in a folder its user may not write opens only with immutable=1: the app
    /// runs as `nobody` (root ignores file modes) and must browse under the banner.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv"))
    func aWALDatabaseInAReadOnlyFolderIsBrowsedReadOnly() throws {
        let tmux = try TmuxHarness()
        let bin = try Self.binary()
        let probe = TmuxHarness.shell("/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups -- \(TmuxHarness.quote(bin)) --version")
        try #require(probe.status == 0, "user nobody cannot run \(bin)")
        chmod(tmux.folder, 0o711)
        let shelf = tmux.folder + "/shelf"
        mkdir(shelf, 0o755)
        let db = shelf + "/demo.sqlite"
        try Self.demoDatabase(db)
        chmod(db, 0o644)
        chmod(shelf, 0o555)
        let before = try #require(Self.bytes(db))
        #expect(before[18] == 2 && before[19] == 2, "a WAL database (header bytes 18-19)")
        try tmux.start(command: "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups -- \(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db)) --as shenzhen-bright",
                       env: ["HOME": tmux.folder])
        var screen = try tmux.waitFor("READ-ONLY")
        #expect(screen.contains("READ-ONLY — its folder \(shelf) cannot be written; changes are disabled."), "\(screen)")
        #expect(screen.contains("Seller · Shenzhen Bright"))
        tmux.send(keys: ["4", "G"])
        screen = try tmux.waitFor("TG-")
        tmux.send(keys: ["x"])
        screen = try tmux.waitFor("Read-only: its folder")
        #expect(!screen.contains("Cancel:"), "no form opened")
        tmux.send(keys: ["Enter"])
        try tmux.waitFor("Awaiting confirm  version")
        tmux.send(keys: ["Q"])
        #expect(try tmux.waitForExit() == 0)
        #expect(Self.bytes(db) == before)
        #expect(!FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm"))
        chmod(shelf, 0o755)
    }

    // MARK: Signals

    /// Orders of `handle` in `state`, as `tradeguard orders --format json` counts them.
    static func payments(_ db: String, _ code: String) throws -> Int {
        let out = try tg("order \(code) --format json", db: db).output
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        return (json?["payments"] as? [Any])?.count ?? -1
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))])
    func aSignalWithAFormOpenWritesNothingAndRestoresTheTerminal(_ signal: Int32, _ expected: Int32) throws {
        let tmux = try TmuxHarness()
        let db = tmux.folder + "/demo.sqlite"
        try Self.demoDatabase(db)
        try tmux.start(command: "\(TmuxHarness.quote(try Self.binary())) --db \(TmuxHarness.quote(db)) --as tanaka-shoji",
                       after: "stty -a > \(TmuxHarness.quote(tmux.folder + "/stty"))")
        try tmux.waitFor("Buyer · 株式会社田中商事")
        tmux.send(keys: ["5", "g", "p"])
        let form = try tmux.waitFor("Pay: TG-")
        let code = try #require(form.range(of: #"TG-\d{7}"#, options: .regularExpression).map { String(form[$0]) })
        let before = try Self.payments(db, code)
        tmux.type("7")
        let children = tmux.commandPIDs().children
        try #require(children.count == 1, "the app runs as the script's only child")
        Glibc.kill(children[0], signal)
        #expect(try tmux.waitForExit() == expected)
        let modes = (try? String(contentsOfFile: tmux.folder + "/stty", encoding: .utf8)) ?? ""
        #expect(modes.contains(" icanon") && modes.contains(" echo"), "terminal modes: \(modes)")
        #expect(!tmux.capture().contains("Pay: TG-"), "the alternate screen was left")
        #expect(try Self.payments(db, code) == before)
        let check = try Self.tg("check", db: db)
        #expect(check.status == 0 && check.output.hasPrefix("ok"), "\(check.output)")
    }

    @Test func aSignalAsAnActionCommitsIsAllOrNothing() throws {
        let tmux = try TmuxHarness()
        let db = tmux.folder + "/demo.sqlite"
        try Self.demoDatabase(db)
        try tmux.start(command: "\(TmuxHarness.quote(try Self.binary())) --db \(TmuxHarness.quote(db)) --as tanaka-shoji")
        try tmux.waitFor("Buyer · 株式会社田中商事")
        tmux.send(keys: ["5", "g", "p"])
        let form = try tmux.waitFor("Pay: TG-")
        let code = try #require(form.range(of: #"TG-\d{7}"#, options: .regularExpression).map { String(form[$0]) })
        let before = try Self.payments(db, code)
        tmux.send(keys: ["Enter"])
        try tmux.waitFor("by T/T for")
        let app = try #require(tmux.commandPIDs().children.first)
        // y and the hang-up as close together as the terminal allows.
        tmux.send(keys: ["y"])
        Glibc.kill(app, SIGHUP)
        let status = try tmux.waitForExit()
        #expect(status == 129 || status == 0, "exit \(status)")
        let after = try Self.payments(db, code)
        #expect(after == before || after == before + 1, "payments \(before) → \(after)")
        let check = try Self.tg("check", db: db)
        #expect(check.status == 0 && check.output.hasPrefix("ok"), "\(check.output)")
    }

    // MARK: Resize storm

    @Test func aResizeStormEndsOnTheFrameOfAFreshStart() throws {
        let bin = TmuxHarness.quote(try Self.binary())
        let stormed = try TmuxHarness()
        let db = stormed.folder + "/demo.sqlite"
        try Self.demoDatabase(db)
        let command = "\(bin) --db \(TmuxHarness.quote(db)) --as hanse-kuechen"
        try stormed.start(command: command, cols: 100, rows: 30)
        try stormed.waitFor("Buyer · Hanse")
        stormed.send(keys: ["7", "j", "j"])
        try stormed.waitFor("row 3 of")
        // Many sizes in one tmux call each, as fast as tmux takes them.
        var sizes: [(Int, Int)] = [(20, 5), (300, 100)]
        for i in 0..<60 { sizes.append(i % 2 == 0 ? (20 + (i * 37) % 280, 5 + (i * 13) % 95) : (300 - i, 100 - i)) }
        for chunk in stride(from: 0, to: sizes.count, by: 8) {
            let part = sizes[chunk..<min(sizes.count, chunk + 8)]
            stormed.tmux(part.map { "resize-window -t \(stormed.target) -x \($0.0) -y \($0.1)" }.joined(separator: " \\; "))
        }
        stormed.resize(cols: 100, rows: 30)
        let after = try stormed.waitFor("row 3 of")
        #expect(stormed.isRunning)

        let fresh = try TmuxHarness()
        try fresh.start(command: command, cols: 100, rows: 30)
        try fresh.waitFor("Buyer · Hanse")
        fresh.send(keys: ["7", "j", "j"])
        let expected = try fresh.waitFor("row 3 of")
        #expect(after == expected, "after the storm:\n\(after)\nfresh:\n\(expected)")
        stormed.send(keys: ["Q"])
        fresh.send(keys: ["Q"])
        #expect(try stormed.waitForExit() == 0)
        #expect(try fresh.waitForExit() == 0)
    }
}
