import Foundation
import Testing
import TradeGuardStore

@Suite struct MigratorTests {
    static let appID: Int32 = 0x5447_4431  // "TGD1"
    static let steps: [Migrator.Step] = [
        // Plain CREATE TABLE: a step that ran twice would fail.
        { try $0.execute("CREATE TABLE party(id INTEGER PRIMARY KEY, handle TEXT NOT NULL UNIQUE) STRICT") },
        { try $0.execute("CREATE TABLE orders(id INTEGER PRIMARY KEY, party INTEGER NOT NULL REFERENCES party(id)) STRICT") },
        { try $0.execute("ALTER TABLE orders ADD COLUMN note TEXT") },
    ]
    let migrator = Migrator(applicationID: appID, steps: steps)

    private func tables(_ db: Database) throws -> [String] {
        try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { $0.text(0) }
    }

    /// Opening must refuse `path` with `expected` and leave the file byte for byte as it was.
    private func expectRefused(_ path: String, _ expected: StoreOpenError, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreOpenError.self, sourceLocation: sourceLocation) { try migrator.open(path: path) }
        #expect(error == expected, sourceLocation: sourceLocation)
        #expect(error?.description.contains("\n") == false, sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "file untouched", sourceLocation: sourceLocation)
    }

    @Test func freshFileIsStampedMigratedAndConfigured() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/new.sqlite"
            let db = try migrator.open(path: path)
            #expect(try db.userVersion() == 3)
            #expect(try db.applicationID() == Self.appID)
            #expect(try tables(db) == ["orders", "party"])
            #expect(try db.scalarText("PRAGMA journal_mode") == "wal")
            #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)   // back on after migrating
            #expect(try permissions(path) == 0o600)
            #expect(try migrator.inspect(db) == .current)
        }
    }

    @Test func reopeningIsIdempotentAndKeepsData() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            let first = try migrator.open(path: path)
            try first.run("INSERT INTO party(handle) VALUES ('acme')")
            first.close()
            let second = try migrator.open(path: path)
            #expect(try migrator.migrate(second) == (3, 3))
            #expect(try second.scalarText("SELECT handle FROM party") == "acme")
        }
    }

    @Test func openingACurrentDatabaseDoesNotWaitForAWriter() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            let writer = try migrator.open(path: path)
            try writer.write {
                try writer.run("INSERT INTO party(handle) VALUES ('acme')")
                let start = ContinuousClock.now
                let reader = try migrator.open(path: path, busyTimeoutMs: 2_000)
                #expect(ContinuousClock.now - start < .milliseconds(1_000))
                #expect(try reader.scalarInt("SELECT count(*) FROM party") == 0)   // not committed yet
            }
        }
    }

    @Test func upgradesAnOlderSchemaInPlace() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            let old = try Migrator(applicationID: Self.appID, steps: Array(Self.steps.prefix(2))).open(path: path)
            try old.execute("INSERT INTO party(handle) VALUES ('acme'); INSERT INTO orders(party) VALUES (1)")
            #expect(try old.userVersion() == 2)
            old.close()
            let db = try Database(path: path)
            try db.configure()
            #expect(try migrator.inspect(db) == .needsMigration(from: 2))
            #expect(try migrator.migrate(db) == (2, 3))
            #expect(try db.query("SELECT party, note FROM orders") { [$0.value(0), $0.value(1)] } == [[1, .null]])
        }
    }

    @Test func aFailingStepRollsBackTheWholeMigration() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            struct Broken: Error {}
            let broken = Migrator(applicationID: Self.appID, steps: Array(Self.steps.prefix(2)) + [{ _ in throw Broken() }])
            #expect(throws: Broken.self) { try broken.open(path: path) }
            let db = try Database(path: path)
            #expect(try db.userVersion() == 0)
            #expect(try db.applicationID() == 0)
            #expect(try tables(db) == [])
            #expect(try migrator.open(path: path).userVersion() == 3)   // and it can still be created
        }
    }

    @Test func foreignKeyViolationsLeftByAStepAreRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            let bad = Migrator(applicationID: Self.appID, steps: Array(Self.steps.prefix(2)) + [
                { try $0.execute("INSERT INTO orders(party) VALUES (99)") },  // allowed only while FKs are off
            ])
            let error = #expect(throws: SQLiteError.self) { try bad.open(path: path) }
            #expect(error?.extendedCode == SQLiteError.Code.constraintForeignKey)
            let after = try Database(path: path)   // a `try` outside #expect: the closure throws
            #expect(try after.userVersion() == 0)
        }
    }

    @Test func newerSchemaIsRefusedNamingBothVersions() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            try migrator.open(path: path).setUserVersion(7)
            try expectRefused(path, .newerSchema(found: 7, supported: 3))
            #expect(StoreOpenError.newerSchema(found: 7, supported: 3).description == "This database was written by a newer TradeGuard (schema 7); this program understands up to schema 3. Upgrade TradeGuard.")
        }
    }

    @Test func foreignApplicationIDIsRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/other.sqlite"
            let other = try Database(path: path)   // another program's file: rollback journal, own id
            try other.execute("PRAGMA application_id = 1234; PRAGMA user_version = 1; CREATE TABLE notes(x)")
            other.close()
            try expectRefused(path, .foreignDatabase(path: path))
        }
    }

    @Test func sqliteFileWithTablesButNoApplicationIDIsRefused() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/other.sqlite"
            let other = try Database(path: path)
            try other.execute("CREATE TABLE notes(x); INSERT INTO notes VALUES ('keep me')")
            other.close()
            try expectRefused(path, .foreignDatabase(path: path))
            #expect(StoreOpenError.foreignDatabase(path: path).description.hasPrefix(path))
        }
    }

    @Test func garbageFilesAreNotADatabase() throws {
        try withTemporaryDirectory { dir in
            var rng = SystemRandomNumberGenerator()
            let random = (0..<8_192).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let samples: [(String, [UInt8])] = [
                ("random.sqlite", random), ("text.sqlite", Array("hello, world\n".utf8)), ("one-byte.sqlite", [0]),
            ]
            for (name, bytes) in samples {
                let path = dir + "/" + name
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                try expectRefused(path, .notADatabase(path: path))
            }
        }
    }

    @Test(arguments: [0.5, 0.1, 0.015, 0.0007])
    func truncatedDatabaseIsNotADatabase(keptFraction: Double) throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            let db = try migrator.open(path: path)
            try db.write {
                for i in 0..<300 { try db.run("INSERT INTO party(handle) VALUES (?)", [.text(String(repeating: "h", count: 200) + "\(i)")]) }
            }
            db.close()   // the last connection: the WAL is checkpointed into the file and removed
            let size = try fileSize(path)
            #expect(size > 50_000)
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: UInt64(Double(size) * keptFraction))
            try handle.close()
            try expectRefused(path, .notADatabase(path: path))
        }
    }

    @Test func emptyExistingFileIsTreatedAsNew() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/empty.sqlite"
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let db = try migrator.open(path: path)
            #expect(try db.userVersion() == 3)
        }
    }

    @Test func readOnlyOpenWorksOnCurrentSchemaOnly() throws {
        try withTemporaryDirectory { dir in
            let current = dir + "/current.sqlite"
            try migrator.open(path: current).run("INSERT INTO party(handle) VALUES ('acme')")
            let reader = try migrator.open(path: current, mode: .readOnly)
            #expect(try reader.scalarText("SELECT handle FROM party") == "acme")
            #expect(throws: SQLiteError.self) { try reader.run("DELETE FROM party") }

            let older = dir + "/older.sqlite"
            _ = try Migrator(applicationID: Self.appID, steps: Array(Self.steps.prefix(2))).open(path: older)
            let error = #expect(throws: StoreOpenError.self) { try migrator.open(path: older, mode: .readOnly) }
            #expect(error == .readOnlyNeedsMigration(found: 2, supported: 3))
            #expect(try Database(path: older).userVersion() == 2)
        }
    }

    @Test func sqlScriptsAsSteps() throws {
        try withTemporaryDirectory { dir in
            let scripts = Migrator(applicationID: Self.appID, scripts: [
                "CREATE TABLE a(x INTEGER) STRICT; CREATE INDEX a_x ON a(x);",
                "CREATE TABLE b(y TEXT) STRICT;",
            ])
            let db = try scripts.open(path: dir + "/t.sqlite")
            #expect(try db.userVersion() == 2)
            #expect(try tables(db) == ["a", "b"])
        }
    }
}
