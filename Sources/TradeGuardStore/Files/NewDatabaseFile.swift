import TradeGuardCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates a new database all at once (issue 20): built in memory — nothing in it is
/// acknowledged to anyone before it is in place, so no commit owes a write, let alone an fsync —
/// then copied page for page (SQLite's backup API) into an `AtomicFile`, which is fsynced and
/// moved into place. The same domain code writes the rows, so the result is the plain path's,
/// row for row.
///
/// Callers that put sibling files beside a new database (an anchor, a key) do so after this
/// returns `.created`: the database is then complete and in place.
public enum NewDatabaseFile {
    public typealias Outcome = AtomicFile.Outcome

    public static func temporaryPath(for path: String) -> String { AtomicFile.temporaryPath(for: path) }

    /// Builds a database at `path` with `build` (which fills a freshly migrated store), unless a
    /// file is already there (then `.alreadyExists`, and nothing is changed).
    public static func create(at path: String, fileMode: mode_t = 0o600, timeSource: TimeSource = SystemTimeSource(),
                              random: RandomSource = .system(), build: (Store) throws -> Void) throws -> Outcome {
        try AtomicFile.create(at: path, fileMode: fileMode) { temporary in
            let store = try Store(path: ":memory:", timeSource: timeSource, random: random)
            defer { store.close() }
            try build(store)
            try store.db.copyPages(into: temporary)
            // Standing alone: the copy's WAL (if SQLite left one) must be empty.
            guard AtomicFile.fileSize(temporary + "-wal") == 0 else {
                throw SQLiteError.misuse("the new database's write-ahead log was not emptied into \(temporary)")
            }
        }
    }
}
