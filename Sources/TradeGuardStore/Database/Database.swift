import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns the sqlite3 pointer. Statements hold this (not the `Database`) so that the statement
/// cache inside `Database` is no retain cycle, and the pointer outlives every statement.
final class Connection {
    private(set) var handle: OpaquePointer?
    /// true inside `Database.read`: a statement that would write is refused before it runs.
    /// (Not `PRAGMA query_only`: setting any flag pragma expires every prepared statement, so
    /// each read made every cached statement compile again — most of building the demo.)
    var refusesWrites = false

    init(handle: OpaquePointer) { self.handle = handle }

    func require(sql: String? = nil) throws -> OpaquePointer {
        guard let handle else { throw SQLiteError.misuse("database is closed", sql: sql) }
        return handle
    }

    /// close_v2: statements still alive turn the connection into a zombie that SQLite frees
    /// when the last one is finalized, instead of failing with SQLITE_BUSY.
    func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    deinit { close() }
}

/// One SQLite connection. Not Sendable: it is opened with SQLITE_OPEN_NOMUTEX, so it must be
/// used from one thread (or actor) at a time — open one connection per thread instead of sharing.
public final class Database {
    public enum OpenMode: Sendable, Equatable {
        case readWrite(create: Bool)
        case readOnly
    }

    /// What was passed to init (a path or a `file:` URI).
    public let path: String
    public let mode: OpenMode
    let connection: Connection
    private var cache: [String: Statement] = [:]
    /// The busy handler's state; lives as long as the connection it is installed on.
    private let busyWait: BusyWait
    private var transaction: TransactionKind?
    private enum TransactionKind { case read, write }

    /// Process-wide SQLite settings, made once before the first connection opens (SQLite takes
    /// them only before it initialises): page caches grow a page at a time. Building the demo
    /// database spent half its time in page faults from the default bulk allocation.
    private static let configureSQLite: Void = { _ = csqlite_config_no_bulk_page_cache() }()

    /// Statements kept by `cachedStatement` before the cache is emptied; the SQL used with it
    /// should be constant text with bound parameters, so this is only a guard.
    static let cacheLimit = 256

    /// - fileMode: permissions of a database file this call creates (exact, umask ignored).
    ///   SQLite gives the -wal and -shm files the main file's permissions, so they follow it.
    ///   An existing file keeps its mode. `file:` URIs (e.g. `immutableURI`) are not created.
    public init(path: String, mode: OpenMode = .readWrite(create: true),
                busyTimeoutMs: Int32 = 5_000, fileMode: mode_t = 0o600) throws {
        Self.configureSQLite
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly:
            flags |= SQLITE_OPEN_READONLY
        case .readWrite(let create):
            flags |= SQLITE_OPEN_READWRITE
            if create {
                flags |= SQLITE_OPEN_CREATE
                createEmptyFile(path: path, mode: fileMode)
            }
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(rc: rc, db: db)
            sqlite3_close_v2(db)
            throw SQLiteError(extendedCode: error.extendedCode, message: "\(error.message): \(path)")
        }
        sqlite3_extended_result_codes(db, 1)
        // immutable=1 ignores a rollback journal that an interrupted write left beside the file
        // (a large seed writes through one): it would read a half-written database. Refuse.
        if path.hasPrefix("file:"), path.contains("immutable=1"), let file = sqlite3_db_filename(db, "main"),
           Self.fileSize(String(cString: file) + "-journal") > 0 {
            let name = String(cString: file)
            sqlite3_close_v2(db)
            throw SQLiteError(extendedCode: SQLiteError.Code.cantOpen,
                              message: "an interrupted write left a rollback journal beside \(name); open it once where its folder "
                                  + "can be written (any tradeguard command) to roll that write back")
        }
        // Debian's default is no handler: fail at once. See BusyWait for why not sqlite3_busy_timeout.
        busyWait = BusyWait(timeoutMs: busyTimeoutMs)
        busyWait.install(on: db)
        self.path = path
        self.mode = mode
        self.connection = Connection(handle: db)
    }

    /// Bytes in the file at `path`, 0 when there is none.
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// A `file:` URI opening `path` read-only with immutable=1: the only way to read a WAL
    /// database in a folder we cannot write (no -shm can be created). Open it with `.readOnly`.
    public static func immutableURI(path: String) -> String {
        var escaped = ""
        for ch in path.unicodeScalars {
            switch ch {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(ch)
            }
        }
        return "file:" + escaped + "?immutable=1"
    }

    /// The file SQLite actually opened ("" for in-memory databases).
    public var filename: String {
        guard let db = connection.handle, let p = sqlite3_db_filename(db, "main") else { return "" }
        return String(cString: p)
    }

    /// DESIGN §4 settings. Read-write: WAL (persistent; throws unless SQLite answers "wal"),
    /// synchronous=FULL. Every connection: foreign_keys=ON, trusted_schema=OFF, defensive mode.
    public func configure() throws {
        let db = try connection.require()
        var enabled: Int32 = 0
        let rc = csqlite_db_config_int(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &enabled)
        guard rc == SQLITE_OK, enabled == 1 else { throw SQLiteError(rc: rc == SQLITE_OK ? SQLITE_ERROR : rc, db: db) }
        try execute("PRAGMA trusted_schema = OFF")
        try execute("PRAGMA foreign_keys = ON")
        guard mode != .readOnly else { return }
        let journal = try scalarText("PRAGMA journal_mode = WAL")?.lowercased()
        let inMemory = filename.isEmpty
        guard journal == "wal" || (inMemory && journal == "memory") else {
            throw SQLiteError(extendedCode: SQLITE_ERROR,
                              message: "could not switch to WAL mode (SQLite answered \(journal ?? "nothing"))",
                              sql: "PRAGMA journal_mode = WAL")
        }
        try execute("PRAGMA synchronous = FULL")
    }

    /// How long this connection waits for a lock, in ms (0: fail at once). Set here, never with
    /// `PRAGMA busy_timeout`: that installs SQLite's own handler in place of `BusyWait`, and
    /// reads 0 while a custom handler is installed.
    public var busyTimeoutMs: Int32 {
        get { busyWait.timeoutMs }
        set { busyWait.timeoutMs = newValue }
    }

    /// Closes now. With `checkpoint`, first tries `wal_checkpoint(TRUNCATE)` so the WAL does
    /// not stay large while other connections keep the file open. It does not wait: a pending
    /// TRUNCATE blocks every new writer, and with many short-lived CLI processes beside busy
    /// readers, each exit held the platform's writers up to its wait. If a reader or writer is
    /// busy, the WAL simply stays (valid; the last connection to close checkpoints it anyway).
    /// Later calls throw "closed".
    public func close(checkpoint: Bool = true) {
        guard connection.handle != nil else { return }
        if checkpoint, mode != .readOnly, !isInTransaction {
            busyTimeoutMs = 0
            try? execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        cache.removeAll()
        connection.close()
    }

    public var isClosed: Bool { connection.handle == nil }

    /// true when SQLite opened the main file read-only: asked to, or (asked for read-write)
    /// because the operating system refused writing to it.
    public var isReadOnlyFile: Bool {
        guard let db = connection.handle else { return true }
        return sqlite3_db_readonly(db, "main") == 1
    }

    // MARK: Statements

    /// Runs a script of one or more statements (rows, e.g. from PRAGMAs, are discarded).
    /// An error names the statement of the script that failed.
    public func execute(_ sql: String) throws {
        let db = try connection.require(sql: sql)
        try sql.withCString { base in
            let end = base + strlen(base)
            var cursor = base
            while cursor < end {
                var stmt: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v3(db, cursor, Int32(end - cursor), 0, &stmt, &tail)
                guard rc == SQLITE_OK else {
                    sqlite3_finalize(stmt)
                    throw SQLiteError(rc: rc, db: db, sql: String(String(cString: cursor).drop(while: \.isWhitespace)))
                }
                guard let stmt else { break }  // only whitespace or comments left
                defer { sqlite3_finalize(stmt) }
                if connection.refusesWrites, sqlite3_stmt_readonly(stmt) == 0 {
                    throw SQLiteError.writeInRead(sql: String(String(cString: cursor).drop(while: \.isWhitespace)))
                }
                var step: Int32
                repeat { step = sqlite3_step(stmt) } while step == SQLITE_ROW
                guard step == SQLITE_DONE else {
                    let text = sqlite3_sql(stmt).map { String(String(cString: $0).drop(while: \.isWhitespace)) }
                    throw SQLiteError(rc: step, db: db, sql: text)
                }
                guard let tail, tail > cursor else { break }
                cursor = tail
            }
        }
    }

    /// A new statement owned by the caller (exactly one SQL statement).
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: connection, sql: sql, persistent: false)
    }

    /// The statement for `sql` from this connection's cache (the same object each time),
    /// reset and with bindings cleared. Use it and reset it before the next call with the
    /// same SQL; the query helpers below do that themselves.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let cached = cache[sql] {
            cached.reset()
            cached.clearBindings()
            return cached
        }
        let stmt = try Statement(connection: connection, sql: sql, persistent: true)
        if cache.count >= Self.cacheLimit { cache.removeAll() }
        cache[sql] = stmt
        return stmt
    }

    /// For the helpers: the cached statement, unless an outer loop is still stepping it
    /// (same SQL run from inside a row closure), which gets a private one instead.
    private func helperStatement(_ sql: String) throws -> Statement {
        // One dictionary lookup: hashing the SQL text is most of a cache hit's cost.
        if let cached = cache[sql] {
            if cached.isBusy { return try prepare(sql) }
            cached.reset()
            cached.clearBindings()
            return cached
        }
        return try cachedStatement(sql)
    }

    /// Runs one statement to completion; returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ args: [Value] = []) throws -> Int {
        try withStatement(sql, bind: { try $0.bind(args) }) { stmt in
            while try stmt.step() {}
            return changes
        }
    }

    @discardableResult
    public func run(_ sql: String, named args: [String: Value]) throws -> Int {
        try withStatement(sql, bind: { try $0.bind(args) }) { stmt in
            while try stmt.step() {}
            return changes
        }
    }

    /// Every row mapped by `row`; the statement is reset before this returns, so no read
    /// stays open.
    public func query<T>(_ sql: String, _ args: [Value] = [], row: (Statement) throws -> T) throws -> [T] {
        try withStatement(sql, bind: { try $0.bind(args) }) { stmt in
            var rows: [T] = []
            while try stmt.step() { rows.append(try row(stmt)) }
            return rows
        }
    }

    public func query<T>(_ sql: String, named args: [String: Value], row: (Statement) throws -> T) throws -> [T] {
        try withStatement(sql, bind: { try $0.bind(args) }) { stmt in
            var rows: [T] = []
            while try stmt.step() { rows.append(try row(stmt)) }
            return rows
        }
    }

    /// First column of the first row; nil when there is no row or it is NULL.
    public func scalarInt(_ sql: String, _ args: [Value] = []) throws -> Int64? {
        try withStatement(sql, bind: { try $0.bind(args) }) { try $0.step() ? $0.optionalInt(0) : nil }
    }

    public func scalarText(_ sql: String, _ args: [Value] = []) throws -> String? {
        try withStatement(sql, bind: { try $0.bind(args) }) { try $0.step() ? $0.optionalText(0) : nil }
    }

    private func withStatement<T>(_ sql: String, bind: (Statement) throws -> Void,
                                  _ body: (Statement) throws -> T) throws -> T {
        let stmt = try helperStatement(sql)
        defer {
            stmt.reset()
            stmt.clearBindings()  // release copies of large bound values
        }
        try bind(stmt)
        return try body(stmt)
    }

    public var lastInsertRowID: Int64 {
        connection.handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the most recent INSERT/UPDATE/DELETE on this connection.
    public var changes: Int {
        connection.handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// true when some statement has stepped and not been reset or run to the end: it may be
    /// holding a read snapshot (which blocks WAL checkpoints). Meant for assertions and tests.
    public var hasBusyStatements: Bool {
        guard let db = connection.handle else { return false }
        var stmt = sqlite3_next_stmt(db, nil)
        while let s = stmt {
            if sqlite3_stmt_busy(s) != 0 { return true }
            stmt = sqlite3_next_stmt(db, s)
        }
        return false
    }

    // MARK: Transactions

    /// True inside `read`: what is read here is committed (handy for caches of rows that never
    /// change once committed).
    public var isInReadTransaction: Bool { transaction == .read }

    /// true while a transaction is open on this connection.
    public var isInTransaction: Bool {
        connection.handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// `BEGIN IMMEDIATE … COMMIT`: the busy timeout applies at BEGIN, and nothing later in the
    /// transaction can fail with SQLITE_BUSY. Any error rolls everything back. Writes do not
    /// nest (calling write inside write or read throws): one write is one unit of work.
    @discardableResult
    public func write<T>(_ body: () throws -> T) throws -> T {
        let db = try connection.require()
        guard transaction == nil, sqlite3_get_autocommit(db) != 0 else {
            throw SQLiteError.misuse("write() cannot run inside another transaction; do the work in the outer one")
        }
        try run("BEGIN IMMEDIATE")
        transaction = .write
        defer { transaction = nil }
        do {
            let result = try body()
            guard sqlite3_get_autocommit(db) == 0 else {
                // An error (FULL, IOERR…) made SQLite roll back and the body swallowed it.
                throw SQLiteError.misuse("the transaction was already rolled back by SQLite after an error; nothing was committed")
            }
            try run("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(db) == 0 { _ = try? run("ROLLBACK") }
            throw error
        }
    }

    /// `BEGIN DEFERRED … COMMIT`: several queries see one snapshot, and the snapshot is let go
    /// before this returns. The body may not write (a writing statement is refused meanwhile): a deferred
    /// read that turns into a write can fail with SQLITE_BUSY_SNAPSHOT regardless of timeouts.
    /// Inside another transaction the body simply runs in it.
    @discardableResult
    public func read<T>(_ body: () throws -> T) throws -> T {
        let db = try connection.require()
        if transaction != nil || sqlite3_get_autocommit(db) == 0 { return try body() }
        try run("BEGIN DEFERRED")
        transaction = .read
        defer { transaction = nil }
        do {
            connection.refusesWrites = true
            let result = try body()
            connection.refusesWrites = false
            try run("COMMIT")
            return result
        } catch {
            connection.refusesWrites = false
            if sqlite3_get_autocommit(db) == 0 { _ = try? run("ROLLBACK") }
            throw error
        }
    }

    // MARK: Interruptible work

    /// Runs `body`, stopping any statement it steps (with an error whose `isInterrupted` is
    /// true) as soon as `shouldStop` answers true. SQLite asks every few thousand virtual
    /// machine steps, a fraction of a millisecond: long reads done between keys (a filter's
    /// match count over a cold disk) give way the moment a key arrives.
    public func interruptible<T>(stopWhen shouldStop: @escaping () -> Bool, _ body: () throws -> T) throws -> T {
        let db = try connection.require()
        let box = Unmanaged.passRetained(StopCheck(shouldStop))
        sqlite3_progress_handler(db, 4_000, { context in
            guard let context else { return 0 }
            return Unmanaged<StopCheck>.fromOpaque(context).takeUnretainedValue().check() ? 1 : 0
        }, box.toOpaque())
        defer {
            sqlite3_progress_handler(db, 0, nil, nil)
            box.release()
        }
        return try body()
    }

    private final class StopCheck {
        let check: () -> Bool
        init(_ check: @escaping () -> Bool) { self.check = check }
    }

    // MARK: Header values (PRAGMA arguments cannot be bound: Ints we own are interpolated)

    /// Changes whenever another connection (or process) commits to this file, never for this
    /// connection's own commits: poll it to notice others' changes cheaply.
    public func dataVersion() throws -> Int64 {
        try scalarInt("PRAGMA data_version") ?? 0
    }

    public func userVersion() throws -> Int {
        Int(try scalarInt("PRAGMA user_version") ?? 0)
    }

    public func setUserVersion(_ version: Int) throws {
        try execute("PRAGMA user_version = \(try Self.int32(version, "user_version"))")
    }

    public func applicationID() throws -> Int32 {
        Int32(truncatingIfNeeded: try scalarInt("PRAGMA application_id") ?? 0)
    }

    public func setApplicationID(_ id: Int32) throws {
        try execute("PRAGMA application_id = \(id)")
    }

    private static func int32(_ value: Int, _ name: String) throws -> Int32 {
        guard let v = Int32(exactly: value) else { throw SQLiteError.misuse("\(name) \(value) is out of range") }
        return v
    }
}

/// Creates `path` empty with exactly `mode` if it does not exist, so SQLite never creates it
/// with the umask's wider default. Plain paths only: SQLite resolves URIs and :memory: itself.
private func createEmptyFile(path: String, mode: mode_t) {
    guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else { return }  // exists already (keeps its mode), or SQLite reports the error
    _ = fchmod(fd, mode)           // open() applied the umask
    _ = close(fd)
}
