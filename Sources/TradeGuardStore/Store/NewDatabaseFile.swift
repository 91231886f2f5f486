import TradeGuardCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates a new database all at once (issue 20): built aside as an `AtomicFile`, with
/// `synchronous=OFF` — nothing in it is acknowledged to anyone before it is in place, so no
/// per-commit fsync is owed — then checkpointed, fsynced and moved into place. The same domain
/// code writes the rows, so the result is the plain path's, row for row.
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
            let store = try Store(path: temporary, create: false, fileMode: fileMode, timeSource: timeSource, random: random)
            defer { store.close() }
            try store.db.execute("PRAGMA synchronous = OFF")
            try build(store)
            try checkpointFully(store.db)
            store.close()
            // Everything must be in the main file: the -wal is not moved with it.
            guard AtomicFile.fileSize(temporary + "-wal") == 0 else {
                throw SQLiteError.misuse("the new database's write-ahead log could not be emptied into \(temporary)")
            }
        }
    }

    /// Copies the whole WAL into the main file; refuses to go on if any of it stayed behind.
    private static func checkpointFully(_ db: Database) throws {
        let result = try db.query("PRAGMA wal_checkpoint(TRUNCATE)") { ($0.int(0), $0.int(1), $0.int(2)) }
        guard let (busy, logged, copied) = result.first, busy == 0, logged == copied else {
            throw SQLiteError.misuse("the new database could not be checkpointed")
        }
    }
}
