import CSQLite

extension Database {
    /// Copies this database page for page into the empty file at `path` with SQLite's online
    /// backup API (rowids, free pages and all: the same database, not a rebuilt one), then puts
    /// the copy in WAL mode, as every TradeGuard file is, and closes it. `path` must be a
    /// private file the caller makes durable itself (it is written without fsyncs).
    public func copyPages(into path: String) throws {
        let source = try connection.require()
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard rc == SQLITE_OK, let destination = handle else {
            let error = SQLiteError(rc: rc, db: handle)
            sqlite3_close_v2(handle)
            throw error
        }
        defer { sqlite3_close_v2(destination) }
        // The copy is a private temporary file its caller fsyncs whole before anyone sees it
        // (AtomicFile): no journal file and no fsync of SQLite's own on the way.
        let quick = sqlite3_exec(destination, "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY", nil, nil, nil)
        guard quick == SQLITE_OK else { throw SQLiteError(rc: quick, db: destination) }
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw SQLiteError(rc: sqlite3_errcode(destination), db: destination)
        }
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE, finish == SQLITE_OK else {
            throw SQLiteError(rc: finish != SQLITE_OK ? finish : step, db: destination)
        }
        let wal = sqlite3_exec(destination, "PRAGMA journal_mode = WAL", nil, nil, nil)
        guard wal == SQLITE_OK else { throw SQLiteError(rc: wal, db: destination) }
    }
}
