/// What the command line asks of the database file itself, named, so no SQL is written outside
/// the store: a consistent copy, a count, the durability setting.
extension Store {
    /// The database file's path as SQLite opened it (for an `immutable=1` URI, the file behind it).
    public var fileName: String { db.filename }

    /// Writes a consistent, compacted copy of the database to `path` (`VACUUM INTO`): a snapshot
    /// of committed data, taken without blocking writers for long. `path` must not exist.
    public func copy(into path: String) throws {
        do { try db.run("VACUUM INTO ?", [.text(path)]) } catch { throw StoreError.wrap(error) }
    }

    /// Every order in the database, whoever's: for init's and seed's summaries.
    public func totalOrderCount() throws -> Int {
        Int(try read { try db.scalarInt("SELECT count(*) FROM orders") } ?? 0)
    }

    /// The connection's `PRAGMA synchronous` level (2 FULL, 3 EXTRA), for bench to report what it measured.
    public func synchronousLevel() throws -> Int? {
        do { return try db.scalarInt("PRAGMA synchronous").map(Int.init) } catch { throw StoreError.wrap(error) }
    }
}
