import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// A demo database built aside without per-commit fsyncs (`NewDatabaseFile`) must be the very
/// database the plain path writes: every table, row by row, and the schema.
@Suite(.serialized) struct NewDatabaseFileTests {
    static let now = Instant.parse("2026-11-27T09:30:00Z")!

    /// Every table (shadow tables of the full-text index included) as text, in rowid order
    /// (or by every column for tables without rowid), plus the schema and header values.
    static func dump(_ path: String) throws -> [String: [[Value]]] {
        let db = try Database(path: path, mode: .readOnly)
        defer { db.close(checkpoint: false) }
        var out: [String: [[Value]]] = [:]
        out["(schema)"] = try db.query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name") { s in (0..<4).map { s.value($0) } }
        out["(header)"] = [[.int(Int64(try db.userVersion())), .int(Int64(try db.applicationID()))]]
        let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { $0.text(0) }
        for table in tables {
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let columns = try db.query("SELECT count(*) FROM pragma_table_info(?)", [.text(table)]) { Int($0.int(0)) }.first ?? 1
            let ordered: String
            if (try? db.query("SELECT rowid FROM \(quoted) LIMIT 1") { _ in 0 }) != nil {
                ordered = "SELECT rowid, * FROM \(quoted) ORDER BY rowid"
            } else {
                ordered = "SELECT * FROM \(quoted) ORDER BY " + (1...max(1, columns)).map(String.init).joined(separator: ", ")
            }
            out[table] = try db.query(ordered) { s in (0..<s.columnCount).map { s.value($0) } }
        }
        return out
    }

    static func slow(_ path: String, now: Instant = now) throws {
        let store = try Store(path: path, random: .seeded(5))
        try DemoData.build(into: store, now: now)
        store.close()
    }

    static func fast(_ path: String) throws -> NewDatabaseFile.Outcome {
        try NewDatabaseFile.create(at: path, random: .seeded(5)) { try DemoData.build(into: $0, now: now) }
    }

    @Test func theFastPathWritesExactlyWhatThePlainPathWrites() throws {
        let folder = try TestFolder()
        let plain = folder.path("plain.sqlite"), quick = folder.path("quick.sqlite"), later = folder.path("later.sqlite")
        try Self.slow(plain)
        #expect(try Self.fast(quick) == .created)
        // Standing alone: nothing left in a write-ahead log, nothing left aside.
        #expect(!FileManager.default.fileExists(atPath: quick + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: NewDatabaseFile.temporaryPath(for: quick)))
        let expected = try Self.dump(plain), found = try Self.dump(quick)
        #expect((expected["events"]?.count ?? 0) > 100 && (expected["orders"]?.count ?? 0) >= 40, "a real demo was dumped")
        #expect(Set(found.keys) == Set(expected.keys))
        for (table, rows) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(found[table]?.count == rows.count, "\(table): \(found[table]?.count ?? -1) rows, expected \(rows.count)")
            if let other = found[table], let i = rows.indices.first(where: { $0 < other.count && rows[$0] != other[$0] }) {
                Issue.record("\(table) row \(i) differs: \(other[i]) instead of \(rows[i])")
            }
        }
        // The comparison can tell: a demo ending an hour later differs.
        try Self.slow(later, now: Self.now.adding(seconds: 3_600))
        #expect(try Self.dump(later) != expected)
    }

    @Test func aKilledAttemptsLeftoverIsClearedAndAnExistingFileKept() throws {
        let folder = try TestFolder()
        let path = folder.path("demo.sqlite")
        let temporary = NewDatabaseFile.temporaryPath(for: path)
        // What a kill -9 mid-build leaves: a half-written file and its WAL.
        try Data(repeating: 0x55, count: 8_192).write(to: URL(fileURLWithPath: temporary))
        try Data(repeating: 0x66, count: 4_096).write(to: URL(fileURLWithPath: temporary + "-wal"))
        #expect(try Self.fast(path) == .created)
        for leftover in [temporary, temporary + "-wal", temporary + "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: leftover), "\(leftover)")
        }
        let store = try Store(path: path, create: false)
        #expect(try store.check().faults == [])
        store.close()

        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try Self.fast(path) == .alreadyExists)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: temporary))
    }
}
