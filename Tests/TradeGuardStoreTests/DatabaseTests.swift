import CSQLite
import Foundation
import Testing
@testable import TradeGuardStore

/// A fresh directory per test (tests run in parallel in one process), removed afterwards.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("tradeguard-store-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// A configured read-write connection on a new file in `dir`.
func openConfigured(_ dir: String, name: String = "t.sqlite", busyTimeoutMs: Int32 = 5_000) throws -> Database {
    let db = try Database(path: dir + "/" + name, busyTimeoutMs: busyTimeoutMs)
    try db.configure()
    return db
}

func permissions(_ path: String) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
}

func fileSize(_ path: String) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? -1
}

@Suite struct DatabaseTests {
    // MARK: Setup and pragmas

    @Test func walReplyOnRealFile() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            #expect(try db.scalarText("PRAGMA journal_mode") == "wal")
        }
    }

    @Test func inMemoryDatabaseConfiguresAndWorks() throws {
        let db = try Database(path: ":memory:")
        try db.configure()
        #expect(try db.scalarText("PRAGMA journal_mode") == "memory")
        #expect(db.filename == "")
        try db.execute("CREATE TABLE t(x INTEGER) STRICT")
        try db.write { try db.run("INSERT INTO t VALUES (?)", [.int(5)]) }
        #expect(try db.scalarInt("SELECT x FROM t") == 5)
    }

    @Test func pragmasInEffect() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            #expect(try db.scalarInt("PRAGMA synchronous") == 2)
            #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
            #expect(try db.scalarInt("PRAGMA trusted_schema") == 0)
            var defensive: Int32 = -1
            _ = csqlite_db_config_int(try db.connection.require(), SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive)
            #expect(defensive == 1)
            // What defensive mode is for: the schema cannot be edited by hand.
            try db.execute("CREATE TABLE t(x); PRAGMA writable_schema = ON")
            #expect(throws: SQLiteError.self) { try db.run("UPDATE sqlite_schema SET sql = 'x'") }
        }
    }

    /// Swift cannot import the extended-code macros (`(SQLITE_BUSY | (2<<8))`), so the
    /// constants are compared with the header's own definitions where the header is found.
    @Test func errorCodeConstantsMatchSQLiteHeader() throws {
        typealias C = SQLiteError.Code
        let declared: [String: Int32] = [
            "CONSTRAINT_UNIQUE": C.constraintUnique, "CONSTRAINT_CHECK": C.constraintCheck,
            "CONSTRAINT_TRIGGER": C.constraintTrigger, "CONSTRAINT_DATATYPE": C.constraintDatatype,
            "CONSTRAINT_FOREIGNKEY": C.constraintForeignKey, "CONSTRAINT_NOTNULL": C.constraintNotNull,
            "CONSTRAINT_PRIMARYKEY": C.constraintPrimaryKey, "BUSY_RECOVERY": C.busyRecovery,
            "BUSY_SNAPSHOT": C.busySnapshot, "BUSY_TIMEOUT": C.busyTimeout,
            "READONLY_RECOVERY": C.readOnlyRecovery, "READONLY_CANTLOCK": C.readOnlyCantLock,
            "READONLY_ROLLBACK": C.readOnlyRollback, "READONLY_DBMOVED": C.readOnlyDBMoved,
            "READONLY_CANTINIT": C.readOnlyCantInit, "READONLY_DIRECTORY": C.readOnlyDirectory,
        ]
        let primaries: [String: Int32] = ["CONSTRAINT": SQLITE_CONSTRAINT, "BUSY": SQLITE_BUSY, "READONLY": SQLITE_READONLY]
        if let header = try? String(contentsOfFile: "/usr/include/sqlite3.h", encoding: .utf8) {
            for (name, value) in declared {
                // e.g. "#define SQLITE_BUSY_SNAPSHOT           (SQLITE_BUSY   |  (2<<8))"
                let line = header.split(separator: "\n").first { $0.hasPrefix("#define SQLITE_\(name) ") }
                let fields = line.map { $0.split(whereSeparator: { " ()|<".contains($0) }) } ?? []
                #expect(fields.count >= 4, "\(name) not found in sqlite3.h")
                guard fields.count >= 4, let primary = primaries[String(fields[2].dropFirst("SQLITE_".count))],
                      let shift = Int32(fields[3]) else { continue }
                #expect(value == primary | shift << 8, "SQLITE_\(name)")
            }
        }
        #expect([C.busy, C.locked, C.readOnly, C.corrupt, C.full, C.constraint, C.misuse, C.notADatabase]
            == [SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CONSTRAINT,
                SQLITE_MISUSE, SQLITE_NOTADB])
        #expect(SQLiteError(extendedCode: C.constraintUnique, message: "").code == SQLITE_CONSTRAINT)
        #expect(SQLiteError(extendedCode: C.busySnapshot, message: "").isBusy)
        #expect(SQLiteError(extendedCode: C.readOnlyDirectory, message: "").isReadOnly)
        #expect(SQLiteError(extendedCode: C.notADatabase, message: "").isCorrupt)
    }

    // MARK: File permissions

    @Test func newFileAndItsWALAreMode0600() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            let db = try Database(path: path)
            try db.configure()
            try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
            #expect(try permissions(path) == 0o600)
            #expect(try permissions(path + "-wal") == 0o600)
            #expect(try permissions(path + "-shm") == 0o600)
        }
    }

    @Test func sharedFileModeIgnoresUmask() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            let db = try Database(path: path, fileMode: 0o660)
            try db.configure()
            try db.execute("CREATE TABLE t(x)")
            #expect(try permissions(path) == 0o660)
            #expect(try permissions(path + "-wal") == 0o660)
        }
    }

    @Test func existingFileKeepsItsMode() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/t.sqlite"
            _ = try Database(path: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
            _ = try Database(path: path)
            #expect(try permissions(path) == 0o640)
        }
    }

    @Test func missingFileWithoutCreateFailsNamingThePath() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/missing.sqlite"
            let error = #expect(throws: SQLiteError.self) { try Database(path: path, mode: .readWrite(create: false)) }
            #expect(error?.code == SQLiteError.Code.cantOpen)
            #expect(error?.message.contains(path) == true)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    // MARK: Values

    @Test func strictTableRejectsBlobInText() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(name TEXT NOT NULL) STRICT")
            let error = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO t VALUES (?)", [.blob([1, 2])]) }
            #expect(error?.code == SQLiteError.Code.constraint)
            #expect(error?.extendedCode == 3091)
            #expect(error?.message == "cannot store BLOB value in TEXT column t.name")
            #expect(error?.sql == "INSERT INTO t VALUES (?)")
            #expect(error?.isConstraint == true)
        }
    }

    @Test func checkAndForeignKeyViolationsHaveExtendedCodes() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("""
                CREATE TABLE p(id INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE c(id INTEGER PRIMARY KEY, p INTEGER NOT NULL REFERENCES p(id),
                               amount INTEGER NOT NULL CHECK (amount > 0)) STRICT;
                INSERT INTO p VALUES (1);
                """)
            let check = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO c(p, amount) VALUES (1, 0)") }
            #expect(check?.extendedCode == SQLiteError.Code.constraintCheck)
            let fk = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO c(p, amount) VALUES (2, 5)") }
            #expect(fk?.extendedCode == SQLiteError.Code.constraintForeignKey)
            let notNull = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO c(p, amount) VALUES (1, NULL)") }
            #expect(notNull?.extendedCode == SQLiteError.Code.constraintNotNull)
        }
    }

    @Test func textRoundTripsExactly() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT) STRICT")
            let samples = ["日本語 🎉", "", "a\0b", "e\u{301}", String(repeating: "x", count: 100_000)]
            for s in samples { try db.run("INSERT INTO t(name) VALUES (?)", [.text(s)]) }
            try db.run("INSERT INTO t(name) VALUES (?)", [nil])
            let rows = try db.query("SELECT name, name IS NULL, length(CAST(name AS BLOB)) FROM t ORDER BY id") {
                ($0.optionalText(0), $0.int(1), $0.optionalInt(2))
            }
            #expect(rows.map(\.0) == samples.map { Optional($0) } + [nil])
            #expect(rows[1] == ("", 0, 0))      // empty text is not NULL
            #expect(rows[2].2 == 3)              // the NUL byte is stored, not a terminator
            #expect(rows[5].1 == 1)
        }
    }

    @Test func otherValuesRoundTrip() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(v ANY) STRICT")
            let values: [Value] = [.int(.min), .int(.max), .int(0), .blob([]), .blob([0, 255, 0]), .double(0.5), .null]
            for v in values { try db.run("INSERT INTO t VALUES (?)", [v]) }
            #expect(try db.query("SELECT v FROM t ORDER BY rowid") { $0.value(0) } == values)
            #expect(try db.scalarInt("SELECT count(*) FROM t WHERE v IS NULL") == 1)  // [] stays a blob
            let blobs = try db.query("SELECT v FROM t WHERE typeof(v) = 'blob' ORDER BY rowid") { $0.optionalBlob(0) }
            #expect(blobs == [[], [0, 255, 0]])
        }
    }

    @Test func bindingByNameAndArgumentChecks() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(a INTEGER, b TEXT) STRICT")
            try db.run("INSERT INTO t VALUES (:a, :b)", named: ["a": 7, ":b": "seven"])
            #expect(try db.query("SELECT a, b FROM t WHERE a = :a", named: ["a": 7]) { $0.text(1) } == ["seven"])
            let missing = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO t VALUES (:a, :b)", named: ["c": 1]) }
            #expect(missing?.message == "no parameter named :c")
            let count = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO t VALUES (?, ?)", [1]) }
            #expect(count?.message == "expected 2 arguments, got 1")
            #expect(try db.scalarInt("SELECT count(*) FROM t") == 1)
            #expect(db.lastInsertRowID == 1)
        }
    }

    // MARK: Statements

    @Test func executeRunsScriptsAndNamesTheFailingStatement() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(x INTEGER UNIQUE); -- comment\nINSERT INTO t VALUES (1);\n  ")
            let error = #expect(throws: SQLiteError.self) {
                try db.execute("INSERT INTO t VALUES (2); INSERT INTO t VALUES (1); INSERT INTO t VALUES (3)")
            }
            #expect(error?.sql == "INSERT INTO t VALUES (1);")
            #expect(error?.extendedCode == SQLiteError.Code.constraintUnique)
            #expect(try db.query("SELECT x FROM t ORDER BY x") { $0.int(0) } == [1, 2])  // no transaction: 2 stays
        }
    }

    @Test func prepareRefusesTwoStatementsAndEmptySQL() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            #expect(throws: SQLiteError.self) { try db.prepare("SELECT 1; SELECT 2") }
            #expect(throws: SQLiteError.self) { try db.prepare("  -- nothing") }
            _ = try db.prepare("SELECT 1; -- trailing comment is fine")
            let syntax = #expect(throws: SQLiteError.self) { try db.prepare("SELEC 1") }
            #expect(syntax?.code == SQLiteError.Code.error)
            #expect(syntax?.sql == "SELEC 1")
        }
    }

    @Test func cachedStatementsAreReusedAndSurviveErrors() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(x INTEGER UNIQUE) STRICT")
            let sql = "INSERT INTO t VALUES (?)"
            let first = try db.cachedStatement(sql)
            try first.bind([1])
            #expect(try first.step() == false)
            let second = try db.cachedStatement(sql)
            #expect(first === second)
            #expect(throws: SQLiteError.self) { try db.run(sql, [1]) }   // UNIQUE, through the same statement
            #expect(try db.cachedStatement(sql) === first)
            try db.run(sql, [2])
            #expect(try db.query("SELECT x FROM t ORDER BY x") { $0.int(0) } == [1, 2])
            #expect(!db.hasBusyStatements)
        }
    }

    @Test func sameQueryNestedInsideItsOwnRowClosure() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3)")
            let sql = "SELECT x FROM t WHERE x >= ? ORDER BY x"
            let counts = try db.query(sql, [1]) { row in try db.query(sql, [.int(row.int(0))]) { $0.int(0) }.count }
            #expect(counts == [3, 2, 1])
            #expect(!db.hasBusyStatements)
        }
    }

    @Test func helpersNeverLeaveAStatementStepping() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3)")
            _ = try db.scalarInt("SELECT x FROM t ORDER BY x")   // stops after the first of three rows
            #expect(!db.hasBusyStatements)
            struct Stop: Error {}
            #expect(throws: Stop.self) { try db.query("SELECT x FROM t") { _ in throw Stop() } }
            #expect(!db.hasBusyStatements)
            #expect(!db.isInTransaction)
            let stmt = try db.prepare("SELECT x FROM t")
            #expect(try stmt.step())
            #expect(db.hasBusyStatements)   // a hand-stepped statement holds its read until reset
            stmt.reset()
            #expect(!db.hasBusyStatements)
        }
    }

    // MARK: Transactions

    @Test func uniqueViolationRollsBackTheWholeWrite() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(code TEXT UNIQUE) STRICT")
            let error = #expect(throws: SQLiteError.self) {
                try db.write {
                    try db.run("INSERT INTO t VALUES ('A')")
                    try db.run("INSERT INTO t VALUES ('B')")
                    try db.run("INSERT INTO t VALUES ('A')")
                }
            }
            #expect(error?.extendedCode == 2067)
            #expect(error?.isConstraint == true)
            #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
            #expect(!db.isInTransaction)
        }
    }

    @Test func swiftErrorRollsBackAndCommitKeepsResult() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(x INTEGER) STRICT")
            struct Refused: Error {}
            #expect(throws: Refused.self) {
                try db.write {
                    try db.run("INSERT INTO t VALUES (1)")
                    throw Refused()
                }
            }
            let id = try db.write {
                try db.run("INSERT INTO t VALUES (2)")
                return db.lastInsertRowID
            }
            #expect(id == 1)
            #expect(try db.query("SELECT x FROM t") { $0.int(0) } == [2])
        }
    }

    @Test func writesDoNotNestAndReadsCannotWrite() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(x INTEGER) STRICT")
            let nested = #expect(throws: SQLiteError.self) {
                try db.write {
                    try db.run("INSERT INTO t VALUES (1)")
                    try db.write { try db.run("INSERT INTO t VALUES (2)") }
                }
            }
            #expect(nested?.code == SQLiteError.Code.misuse)
            #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)   // the outer write rolled back too
            #expect(throws: SQLiteError.self) { try db.read { try db.write {} } }
            let readOnly = #expect(throws: SQLiteError.self) { try db.read { try db.run("INSERT INTO t VALUES (3)") } }
            #expect(readOnly?.isReadOnly == true)
            let scripted = #expect(throws: SQLiteError.self) { try db.read { try db.execute("INSERT INTO t VALUES (5)") } }
            #expect(scripted?.isReadOnly == true)
            // Writing is allowed again afterwards, and a read inside a write joins it.
            let n = try db.write {
                try db.run("INSERT INTO t VALUES (4)")
                return try db.read { try db.scalarInt("SELECT count(*) FROM t") }
            }
            #expect(n == 1)
            #expect(try db.scalarInt("PRAGMA query_only") == 0)
        }
    }

    @Test func aReadLeavesPreparedStatementsCompiled() throws {
        // Reads used to toggle PRAGMA query_only, which expires every prepared statement: each
        // cached statement then compiled again on its next use.
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            try db.execute("CREATE TABLE t(x INTEGER) STRICT; INSERT INTO t VALUES (1)")
            let statement = try db.cachedStatement("SELECT x FROM t")
            #expect(try statement.step())
            statement.reset()
            for _ in 0..<3 { _ = try db.read { try db.scalarInt("SELECT count(*) FROM t") } }
            let again = try db.cachedStatement("SELECT x FROM t")
            #expect(again === statement)
            #expect(try again.step())
            again.reset()
            #expect(again.timesRecompiled == 0)
            // The measure can tell: a schema change does make it compile again.
            try db.execute("CREATE TABLE u(y INTEGER)")
            #expect(try db.cachedStatement("SELECT x FROM t").step())
            #expect(statement.timesRecompiled == 1)
            statement.reset()
        }
    }

    @Test func readSeesOneSnapshotAndEndsIt() throws {
        try withTemporaryDirectory { dir in
            let a = try openConfigured(dir)
            let b = try openConfigured(dir)
            try a.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)")
            let (before, after) = try a.read {
                let before = try a.scalarInt("SELECT count(*) FROM t")
                try b.run("INSERT INTO t VALUES (2)")  // another connection commits meanwhile
                let after = try a.scalarInt("SELECT count(*) FROM t")
                return (before, after)
            }
            #expect(before == 1 && after == 1)
            #expect(!a.isInTransaction)
            #expect(try a.scalarInt("SELECT count(*) FROM t") == 2)
        }
    }

    @Test func busyWriterTimesOutButCanStillRead() throws {
        try withTemporaryDirectory { dir in
            let a = try openConfigured(dir)
            let b = try openConfigured(dir, busyTimeoutMs: 200)
            try a.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)")
            try a.write {
                try a.run("INSERT INTO t VALUES (2)")
                let start = ContinuousClock.now
                let error = #expect(throws: SQLiteError.self) { try b.write { try b.run("INSERT INTO t VALUES (3)") } }
                let waited = ContinuousClock.now - start
                #expect(error?.isBusy == true)
                #expect(waited >= .milliseconds(150), "busy timeout honoured: \(waited)")
                #expect(!b.isInTransaction)
                #expect(try b.scalarInt("SELECT count(*) FROM t") == 1)   // WAL: readers are not blocked
            }
            try b.write { try b.run("INSERT INTO t VALUES (3)") }
            #expect(try a.scalarInt("SELECT count(*) FROM t") == 3)
        }
    }

    @Test func dataVersionChangesOnlyForOtherConnectionsCommits() throws {
        try withTemporaryDirectory { dir in
            let a = try openConfigured(dir)
            let b = try openConfigured(dir)
            try a.execute("CREATE TABLE t(x INTEGER)")
            let v0 = try a.dataVersion()
            try a.write { try a.run("INSERT INTO t VALUES (1)") }
            #expect(try a.dataVersion() == v0)
            try b.write { try b.run("INSERT INTO t VALUES (2)") }
            let v1 = try a.dataVersion()
            #expect(v1 != v0)
            #expect(try a.dataVersion() == v1)
        }
    }

    // MARK: Header values, closing, read-only

    @Test func userVersionAndApplicationID() throws {
        try withTemporaryDirectory { dir in
            let db = try openConfigured(dir)
            #expect(try db.userVersion() == 0)
            try db.setUserVersion(42)
            try db.setApplicationID(0x5447_4431)
            try db.setApplicationID(-7)
            #expect(try db.userVersion() == 42)
            #expect(try db.applicationID() == -7)
            #expect(throws: SQLiteError.self) { try db.setUserVersion(Int(Int32.max) + 1) }
        }
    }

    @Test func closeCheckpointsTheWALAndLaterUseThrows() throws {
        try withTemporaryDirectory { dir in
            let a = try openConfigured(dir)
            let b = try openConfigured(dir)   // keeps the WAL file alive after a closes
            try a.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)")
            let stmt = try a.prepare("SELECT x FROM t")
            #expect(try fileSize(dir + "/t.sqlite-wal") > 0)
            a.close()
            #expect(a.isClosed)
            #expect(try fileSize(dir + "/t.sqlite-wal") == 0)
            let closed = #expect(throws: SQLiteError.self) { try a.scalarInt("SELECT 1") }
            #expect(closed?.message == "database is closed")
            #expect(throws: SQLiteError.self) { try stmt.step() }
            a.close()   // twice is harmless
            #expect(try b.scalarInt("SELECT x FROM t") == 1)
        }
    }

    /// A database file in `dir` holding table t with the one row x = 1, closed; its path.
    private func oneRowDatabase(in dir: String) throws -> String {
        let path = dir + "/t.sqlite"
        let writer = try Database(path: path)
        try writer.configure()
        try writer.execute("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)")
        writer.close()
        return path
    }

    @Test func readOnlyConnectionReadsAndRefusesWrites() throws {
        try withTemporaryDirectory { dir in
            let path = try oneRowDatabase(in: dir)
            for target in [path, Database.immutableURI(path: path)] {
                let db = try Database(path: target, mode: .readOnly)
                try db.configure()
                #expect(try db.scalarInt("SELECT x FROM t") == 1)
                let error = #expect(throws: SQLiteError.self) { try db.run("INSERT INTO t VALUES (2)") }
                #expect(error?.isReadOnly == true, "\(target)")
                #expect(db.filename == path)
            }
        }
    }

    @Test func anImmutableOpenIsRefusedBesideAnInterruptedWritesJournal() throws {
        try withTemporaryDirectory { dir in
            let path = try oneRowDatabase(in: dir)
            // A rollback journal left by a killed writer: immutable=1 would ignore it.
            #expect(FileManager.default.createFile(atPath: path + "-journal", contents: Data(repeating: 0xD9, count: 512)))
            let error = #expect(throws: SQLiteError.self) { _ = try Database(path: Database.immutableURI(path: path), mode: .readOnly) }
            #expect(error?.code == SQLiteError.Code.cantOpen)
            #expect(error?.message.contains("rollback journal") == true)
            // Without one it opens as before.
            try FileManager.default.removeItem(atPath: path + "-journal")
            let db = try Database(path: Database.immutableURI(path: path), mode: .readOnly)
            #expect(try db.scalarInt("SELECT x FROM t") == 1)
            db.close(checkpoint: false)
        }
    }

    @Test func immutableURIEscapesSpecialCharacters() {
        #expect(Database.immutableURI(path: "/a b/c?d#e%f.sqlite") == "file:/a b/c%3fd%23e%25f.sqlite?immutable=1")
    }
}
