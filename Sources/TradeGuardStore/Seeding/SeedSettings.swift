import Foundation
import TradeGuardCore

/// Connection settings for the bulk load, and their restoration. Only this connection is
/// affected; the file's format is untouched (its journal mode is SeedJournal's business).
struct SeedSettings {
    let synchronous: Int64
    let cacheSize: Int64
    let foreignKeys: Int64
    let threads: Int64
    let ignoreChecks: Int64

    /// synchronous=OFF: nothing is acknowledged to anyone during the load, and the single
    /// transaction keeps it atomic against a crash of the process (WAL frames of an uncommitted
    /// transaction are ignored; a rollback journal is synced anyway, see SeedJournal). A power
    /// cut during a WAL-mode seed may lose it — it is a generator. cache_size: 256 MiB so the
    /// B-trees being appended to stay in memory. threads: the sorter of CREATE INDEX may use
    /// the second core. CHECK constraints are skipped for the bulk rows (`relaxChecks`, then
    /// `enforceChecks`): SQLite evaluates a `CHECK (x IN (…))` list at about 1.5 µs a row (a
    /// million checklist ticks take 2.6 s with the checks, 0.7 s without), and every such
    /// column is written from a Swift enum's raw value; `check` runs `integrity_check`, which
    /// verifies every CHECK constraint of every row, as `foreign_key_check` verifies the keys.
    static func apply(_ db: Database) throws -> SeedSettings {
        let saved = SeedSettings(synchronous: try db.scalarInt("PRAGMA synchronous") ?? 2,
                                 cacheSize: try db.scalarInt("PRAGMA cache_size") ?? -2_000,
                                 foreignKeys: try db.scalarInt("PRAGMA foreign_keys") ?? 1,
                                 threads: try db.scalarInt("PRAGMA threads") ?? 0,
                                 ignoreChecks: try db.scalarInt("PRAGMA ignore_check_constraints") ?? 0)
        try db.execute("PRAGMA synchronous = OFF")
        try db.execute("PRAGMA cache_size = -262144")
        try db.execute("PRAGMA foreign_keys = OFF")
        try db.execute("PRAGMA threads = 2")
        return saved
    }

    /// CHECK constraints are skipped for the bulk rows only (see `apply`).
    func relaxChecks(_ db: Database) throws {
        try db.execute("PRAGMA ignore_check_constraints = ON")
    }

    /// CHECK constraints are enforced again (statements prepared meanwhile are re-prepared by
    /// SQLite with them): for everything the seed writes after the bulk rows.
    func enforceChecks(_ db: Database) throws {
        try db.execute("PRAGMA ignore_check_constraints = \(ignoreChecks)")
    }

    func restore(_ db: Database) {
        try? db.execute("PRAGMA synchronous = \(synchronous)")
        try? db.execute("PRAGMA cache_size = \(cacheSize)")
        try? db.execute("PRAGMA foreign_keys = \(foreignKeys)")
        try? db.execute("PRAGMA threads = \(threads)")
        try? db.execute("PRAGMA ignore_check_constraints = \(ignoreChecks)")
    }
}

/// The secondary indexes dropped around a bulk load and rebuilt afterwards from their own
/// stored definitions (`sqlite_schema.sql`), so the schema ends exactly as it began. Only
/// non-unique indexes: the per-party lists of `orders` and the ledger's per-supplier and per-order indexes,
/// whose inserts would land at random places, and `events_by_order` — its rows arrive in key
/// order, but a million-row append still seeks from the root each time, and sorting once is
/// faster (1.9 million events: 1.6 s inserted, 0.9 s rebuilt). The small indexes keyed by order
/// id (payments, contacts) and the unique ones stay.
enum SeedIndexes {
    struct Definition {
        let name: String
        let sql: String
    }

    static func drop(_ db: Database) throws -> [Definition] {
        let definitions = try db.query("""
            SELECT name, sql FROM sqlite_schema
            WHERE type = 'index' AND sql IS NOT NULL AND (tbl_name = 'orders' OR name IN ('limit_ledger_by_supplier', 'limit_ledger_by_order', 'events_by_order', 'order_grams_by_order'))
              AND sql NOT LIKE 'CREATE UNIQUE%'
            ORDER BY rowid
            """, []) { Definition(name: $0.text(0), sql: $0.text(1)) }
        for index in definitions {
            try db.execute("DROP INDEX \"\(index.name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        return definitions
    }

    static func create(_ definitions: [Definition], in db: Database) throws {
        for index in definitions {
            let started = Date()
            try db.execute(index.sql)
            SeedTrace.note("  \(index.name): \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
    }
}

/// The journal for the load. In WAL mode one huge transaction writes every page twice: into
/// the WAL (in frames of 4 KiB + 24 bytes, which the kernel must zero and copy page by page)
/// and again into the file at the checkpoint. With a rollback journal, pages appended past the
/// file's size at the start are not journalled at all — written once, in place — and a crash
/// still rolls back: the journal restores the few pages that existed and truncates the rest.
/// Only possible when no other connection has the file open (leaving WAL needs that), and the
/// exclusive lock then keeps everyone out until the seed has finished and WAL is back.
enum SeedJournal {
    /// Switches to a rollback journal under an exclusive lock; false (and nothing changed)
    /// when the file is not in WAL mode or another connection has it open. `synchronous` (the
    /// connection's own setting, FULL) applies meanwhile: the journal is synced before any page
    /// that existed is overwritten, and the file at the commit — there is no checkpoint later
    /// that would sync it, as there is in WAL mode.
    static func enter(_ db: Database, synchronous: Int64) -> Bool {
        guard (try? db.scalarText("PRAGMA journal_mode"))?.lowercased() == "wal", !fileSizeLimited else { return false }
        let timeout = db.busyTimeoutMs
        // Another connection is no reason to wait: the seed then simply runs in WAL mode.
        db.busyTimeoutMs = 0
        defer { db.busyTimeoutMs = timeout }
        do {
            try db.execute("PRAGMA locking_mode = EXCLUSIVE")
            if try db.scalarText("PRAGMA journal_mode = DELETE")?.lowercased() == "delete" {
                try db.execute("PRAGMA synchronous = \(synchronous)")
                return true
            }
        } catch {}
        leave(db)
        return false
    }

    /// Under a file size limit (`ulimit -f`) the seed stays in WAL mode: there a write past the
    /// limit is reported as such ("the file cannot grow"), while with a rollback journal the
    /// failed write is followed by the rollback, which truncates the file and leaves a stale
    /// errno, so the error would only say "disk I/O error".
    static var fileSizeLimited: Bool {
        var limit = rlimit()
        return getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
    }

    /// Back to WAL and normal locking (after the commit or the rollback).
    static func leave(_ db: Database) {
        try? db.execute("PRAGMA locking_mode = NORMAL")
        _ = try? db.scalarText("PRAGMA journal_mode = WAL")
    }
}
