import Foundation
import Testing
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// `init`, `seed`, the default database path, and files that are not ours.
@Suite struct InitTests {
    private func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func initBuildsTheDemoDatabase() throws {
        let sandbox = Sandbox()
        let result = sandbox.tg("init")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("Created a demo database at \(sandbox.db) (file mode 0600)"), "\(result)")
        #expect(mode(sandbox.db) == 0o600)
        sandbox.expectClean()
        let clock = sandbox.tg("clock")
        #expect(clock.stdout.contains("simulated clock of a demo database"), "\(clock)")
        // Rounded down to the minute.
        #expect(clock.stdout.contains(":00Z)"), "\(clock)")
        let parties = try #require(sandbox.tg("parties", "--format", "json").json as? [[String: Any]])
        #expect(parties.count > 3)
        let again = sandbox.tg("init")
        #expect(again.status == 1, "\(again)")
        #expect(again.stderr.contains("There is already a TradeGuard database at \(sandbox.db); init never overwrites one"), "\(again)")
        sandbox.expectClean("after a refused second init")
    }

    @Test func initEmptyMakesARealDatabaseAndSharedWidensTheMode() {
        let sandbox = Sandbox()
        let result = sandbox.tg("init", "--empty")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Created an empty real database at \(sandbox.db) (file mode 0600; system clock)."), "\(result)")
        #expect(mode(sandbox.db) == 0o600)
        let parties = sandbox.tg("parties", "--format", "json").json as? [[String: Any]]
        #expect(parties?.count == 1 && parties?.first?["handle"] as? String == "platform")
        let clock = sandbox.tg("clock", "advance", "1d")
        #expect(clock.status == 1 && clock.stderr.contains("This is a real database on the system clock; only a demo database's clock can be changed."), "\(clock)")
        #expect(sandbox.tg("clock").stdout.contains("system clock of a real database"))

        let shared = sandbox.path("team/shared.sqlite")
        let made = sandbox.tg(["init", "--empty", "--shared"], db: shared)
        #expect(made.status == 0 && made.stdout.contains("file mode 0660"), "\(made)")
        #expect(mode(shared) == 0o660)
        #expect(mode(sandbox.path("team")) == 0o770)
        sandbox.expectClean()
    }

    @Test func defaultPathFollowsTradeguardDBThenXDGThenHome() {
        let sandbox = Sandbox()
        // $TRADEGUARD_DB wins, and init creates the folders it needs.
        let explicit = sandbox.path("env/deep/x.sqlite")
        var env = sandbox.environment(["TRADEGUARD_DB": explicit, "XDG_DATA_HOME": sandbox.path("xdg"), "HOME": sandbox.path("home")])
        #expect(sandbox.raw(["init", "--empty"], environment: env).status == 0)
        #expect(sandbox.exists(explicit) && !sandbox.exists(sandbox.path("xdg")))
        #expect(sandbox.raw(["parties"], environment: env).stdout.contains("platform"))

        // Then $XDG_DATA_HOME/tradeguard/tradeguard.sqlite (an empty value counts as unset).
        env["TRADEGUARD_DB"] = ""
        let xdg = sandbox.path("xdg/tradeguard/tradeguard.sqlite")
        let viaXDG = sandbox.raw(["init", "--empty"], environment: env)
        #expect(viaXDG.status == 0 && viaXDG.stdout.contains(xdg), "\(viaXDG)")
        #expect(sandbox.exists(xdg) && mode(sandbox.path("xdg/tradeguard")) == 0o700)

        // Then ~/.local/share/tradeguard/tradeguard.sqlite.
        env["XDG_DATA_HOME"] = nil
        let home = sandbox.path("home/.local/share/tradeguard/tradeguard.sqlite")
        let missing = sandbox.raw(["orders"], environment: env)
        #expect(missing.status == 1 && missing.stderr.contains("No database at \(home); run 'tradeguard init'"), "\(missing)")
        #expect(!sandbox.exists(sandbox.path("home")), "a reader must not create the folder")
        #expect(sandbox.raw(["init", "--empty"], environment: env).status == 0)
        #expect(sandbox.exists(home))
        // --db beats everything.
        #expect(sandbox.raw(["check", "--db", explicit], environment: env).stdout.contains("ok — 0 orders, 1 event"))
    }

    @Test func foreignAndGarbageFilesAreRefusedAndLeftUnchanged() throws {
        let sandbox = Sandbox()
        // Another program's SQLite database.
        let foreign = sandbox.path("foreign.sqlite")
        let other = try Database(path: foreign)
        try other.execute("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        other.close()
        // Text, and one byte (SQLite would take a 1-byte file for an empty database).
        let garbage = sandbox.write("garbage.sqlite", String(repeating: "not a database at all. ", count: 300))
        let tiny = sandbox.write("tiny.sqlite", "x")
        for file in [foreign, garbage, tiny] {
            let before = try #require(sandbox.bytes(file))
            for words in [["parties"], ["check"], ["init"], ["init", "--empty"], ["seed", "--orders", "5"],
                          ["do", "submit", "TG-0000001", "--as", "acme"]] {
                let result = sandbox.tg(words, db: file)
                // `check` says 2 for a file it could not check at all; 1 means it found tampering.
                #expect(result.status == (words == ["check"] ? 2 : 1), "\(file) \(words): \(result)")
                let lines = result.stderr.split(separator: "\n")
                #expect(lines.count == 1, "one line: \(result)")
                #expect(result.stderr.contains(file == foreign ? "belongs to another program" : "is not a TradeGuard database"), "\(words): \(result)")
            }
            #expect(sandbox.bytes(file) == before, "\(file) was changed")
            #expect(!sandbox.exists(file + "-wal") && !sandbox.exists(file + "-shm"))
        }
    }

    @Test func aNewerSchemaIsRefusedNamingBothVersions() throws {
        let sandbox = try Sandbox().standardDatabase()
        let db = try Database(path: sandbox.db, mode: .readWrite(create: false))
        try db.setUserVersion(Store.schemaVersion + 7)
        db.close()
        let result = sandbox.tg("orders")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("newer TradeGuard (schema \(Store.schemaVersion + 7)); this program understands up to schema \(Store.schemaVersion)"), "\(result)")
    }

    @Test func seedValidatesItsArgumentsAndFillsAnEmptyFile() throws {
        let sandbox = Sandbox()
        for (words, message) in [(["seed"], "seed needs --orders N"), (["seed", "--orders", "0"], "--orders must be from 1 to 10000000 (got 0)."),
                                 (["seed", "--orders", "10000001"], "--orders must be from 1 to 10000000"),
                                 (["seed", "--orders", "ten"], "--orders must be a whole number"),
                                 (["seed", "--orders", "5", "--seed", "-1"], "--seed must be a whole number"),
                                 (["seed", "--orders", "5", "--seed", "x"], "--seed must be a whole number")] {
            let result = sandbox.tg(words)
            #expect(result.status == 2 && result.stderr.contains(message), "\(words): \(result)")
        }
        #expect(!sandbox.exists(sandbox.db))
        let result = sandbox.tg("seed", "--orders", "30", "--seed", "7")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("Seeded 30 orders ("), "\(result)")
        sandbox.expectClean("after seeding")
        let orders = sandbox.tg("orders", "--format", "csv")
        #expect(orders.lines.count >= 31, "\(orders)")
    }
}
