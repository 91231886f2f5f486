import Foundation
import TradeGuardCore

/// Connection settings for the bulk load, and their restoration. Only this connection is
/// affected; the file's format and journal mode (WAL) are untouched.
struct SeedSettings {
    let synchronous: Int64
    let cacheSize: Int64
    let foreignKeys: Int64
    let threads: Int64

    /// synchronous=OFF: nothing is acknowledged to anyone during the load, and the single
    /// transaction keeps it atomic against a crash of the process (WAL frames of an uncommitted
    /// transaction are ignored). A power cut during the seed may lose it — it is a generator.
    /// cache_size: 256 MiB so the B-trees being appended to stay in memory. threads: the
    /// sorter of CREATE INDEX may use the second core.
    static func apply(_ db: Database) throws -> SeedSettings {
        let saved = SeedSettings(synchronous: try db.scalarInt("PRAGMA synchronous") ?? 2,
                                 cacheSize: try db.scalarInt("PRAGMA cache_size") ?? -2_000,
                                 foreignKeys: try db.scalarInt("PRAGMA foreign_keys") ?? 1,
                                 threads: try db.scalarInt("PRAGMA threads") ?? 0)
        try db.execute("PRAGMA synchronous = OFF")
        try db.execute("PRAGMA cache_size = -262144")
        try db.execute("PRAGMA foreign_keys = OFF")
        try db.execute("PRAGMA threads = 2")
        return saved
    }

    func restore(_ db: Database) {
        try? db.execute("PRAGMA synchronous = \(synchronous)")
        try? db.execute("PRAGMA cache_size = \(cacheSize)")
        try? db.execute("PRAGMA foreign_keys = \(foreignKeys)")
        try? db.execute("PRAGMA threads = \(threads)")
    }
}

/// The secondary indexes dropped around a bulk load and rebuilt afterwards from their own
/// stored definitions (`sqlite_schema.sql`), so the schema ends exactly as it began. Only
/// non-unique indexes whose inserts would land at random places: the per-party lists of
/// `orders` and the ledger's per-supplier index. Indexes keyed by order id (events, payments,
/// contacts, the ledger's once-per-order rule) receive their rows in key order already.
enum SeedIndexes {
    struct Definition {
        let name: String
        let sql: String
    }

    static func drop(_ db: Database) throws -> [Definition] {
        let definitions = try db.query("""
            SELECT name, sql FROM sqlite_schema
            WHERE type = 'index' AND sql IS NOT NULL AND (tbl_name = 'orders' OR name = 'limit_ledger_by_supplier')
              AND sql NOT LIKE 'CREATE UNIQUE%'
            ORDER BY rowid
            """, []) { Definition(name: $0.text(0), sql: $0.text(1)) }
        for index in definitions {
            try db.execute("DROP INDEX \"\(index.name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        return definitions
    }

    static func create(_ definitions: [Definition], in db: Database) throws {
        for index in definitions { try db.execute(index.sql) }
    }
}
