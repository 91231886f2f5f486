import CSQLite

/// A prepared statement. Not Sendable: use it on the thread that owns its `Database`.
/// Bind indices are 1-based and column indices 0-based, as in SQLite.
///
/// It keeps the connection alive (not the `Database`, so a statement cache inside the
/// `Database` forms no retain cycle) and finalizes itself in deinit.
public final class Statement {
    public let sql: String
    let connection: Connection
    let handle: OpaquePointer

    init(connection: Connection, sql: String, persistent: Bool) throws {
        let db = try connection.require(sql: sql)
        let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
        // `tail` points into the C string, so both prepares run inside one withCString: a
        // temporary bridged for the first call alone would be freed before the tail is read.
        let (rc, prepared, hasMore): (Int32, OpaquePointer?, Bool) = sql.withCString { text in
            var stmt: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(db, text, -1, flags, &stmt, &tail)
            guard rc == SQLITE_OK, let tail, tail.pointee != 0 else { return (rc, stmt, false) }
            // A second statement would be silently ignored; refuse it (scripts go to execute()).
            var extra: OpaquePointer?
            let rc2 = sqlite3_prepare_v3(db, tail, -1, 0, &extra, nil)
            let more = rc2 != SQLITE_OK || extra != nil
            sqlite3_finalize(extra)
            return (rc, stmt, more)
        }
        guard rc == SQLITE_OK else {
            sqlite3_finalize(prepared)
            throw SQLiteError(rc: rc, db: db, sql: sql)
        }
        guard let stmt = prepared else { throw SQLiteError.misuse("empty SQL statement", sql: sql) }
        if hasMore {
            sqlite3_finalize(stmt)
            throw SQLiteError.misuse("prepare() takes one statement; use execute() for scripts", sql: sql)
        }
        self.sql = sql
        self.connection = connection
        self.handle = stmt
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding

    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Binds all positional parameters; the count must match exactly.
    public func bind(_ values: [Value]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError(extendedCode: SQLiteError.Code.range,
                              message: "expected \(parameterCount) arguments, got \(values.count)", sql: sql)
        }
        for (i, v) in values.enumerated() { try bind(v, at: i + 1) }
    }

    /// Binds by name; a name without a prefix gets ":" (so "id" means ":id").
    public func bind(_ values: [String: Value]) throws {
        for (name, v) in values { try bind(v, name: name) }
    }

    public func bind(_ value: Value, name: String) throws {
        let full = name.first.map { ":@$".contains($0) } == true ? name : ":" + name
        let index = sqlite3_bind_parameter_index(handle, full)
        guard index > 0 else {
            throw SQLiteError(extendedCode: SQLiteError.Code.range, message: "no parameter named \(full)", sql: sql)
        }
        try bind(value, at: Int(index))
    }

    public func bind(_ value: Value, at index: Int) throws {
        let i = Int32(clamping: index)
        let rc: Int32
        switch value {
        case .null:
            rc = sqlite3_bind_null(handle, i)
        case .int(let v):
            rc = sqlite3_bind_int64(handle, i, v)
        case .double(let v):
            rc = sqlite3_bind_double(handle, i, v)
        case .text(let s):
            // TRANSIENT: the pointer dies with the closure. Explicit length keeps "a\0b" whole;
            // withCString never passes NULL, so "" stays '' rather than becoming NULL.
            rc = s.withCString {
                sqlite3_bind_text64(handle, i, $0, UInt64(s.utf8.count), CSQLITE_TRANSIENT, UInt8(SQLITE_UTF8))
            }
        case .blob(let b):
            if b.isEmpty {
                rc = sqlite3_bind_zeroblob(handle, i, 0)  // a nil pointer would bind NULL
            } else {
                rc = b.withUnsafeBytes {
                    sqlite3_bind_blob64(handle, i, $0.baseAddress, UInt64($0.count), CSQLITE_TRANSIENT)
                }
            }
        }
        guard rc == SQLITE_OK else { throw SQLiteError(rc: rc, db: connection.handle, sql: sql) }
    }

    public func clearBindings() { sqlite3_clear_bindings(handle) }

    // MARK: Stepping

    /// true: a row is available; false: done. On error the statement is reset (ending any
    /// read it held) and the error carries this statement's SQL.
    public func step() throws -> Bool {
        guard connection.handle != nil else { throw SQLiteError.misuse("database is closed", sql: sql) }
        if connection.refusesWrites, sqlite3_stmt_readonly(handle) == 0 { throw SQLiteError.writeInRead(sql: sql) }
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(rc: rc, db: connection.handle, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Ready to run again; bindings are kept (see clearBindings). Ends any read it held.
    public func reset() { sqlite3_reset(handle) }

    /// How often SQLite compiled this statement again since it was prepared (after a schema
    /// change, or when something expired every statement).
    public var timesRecompiled: Int { Int(sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)) }

    /// true while stepped but neither done nor reset: it may be holding a read snapshot.
    public var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    // MARK: Columns (valid after step() returned true)

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(_ i: Int) -> String {
        sqlite3_column_name(handle, Int32(i)).map { String(cString: $0) } ?? ""
    }

    public func isNull(_ i: Int) -> Bool { sqlite3_column_type(handle, Int32(i)) == SQLITE_NULL }

    /// NULL reads as 0 (SQLite's conversion); use optionalInt where NULL matters.
    public func int(_ i: Int) -> Int64 { sqlite3_column_int64(handle, Int32(i)) }

    public func optionalInt(_ i: Int) -> Int64? { isNull(i) ? nil : int(i) }

    public func double(_ i: Int) -> Double { sqlite3_column_double(handle, Int32(i)) }

    /// NULL reads as ""; use optionalText where NULL matters. Copied at once: the pointer
    /// dies at the next step/reset. Length from column_bytes keeps embedded NULs.
    public func text(_ i: Int) -> String {
        let col = Int32(i)
        guard let p = sqlite3_column_text(handle, col) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, col))  // after column_text, as SQLite advises
        return String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
    }

    public func optionalText(_ i: Int) -> String? { isNull(i) ? nil : text(i) }

    /// NULL reads as [].
    public func blob(_ i: Int) -> [UInt8] {
        let col = Int32(i)
        guard let p = sqlite3_column_blob(handle, col) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, col))
        return Array(UnsafeRawBufferPointer(start: p, count: count))
    }

    public func optionalBlob(_ i: Int) -> [UInt8]? { isNull(i) ? nil : blob(i) }

    /// The column as stored, by its dynamic type.
    public func value(_ i: Int) -> Value {
        switch sqlite3_column_type(handle, Int32(i)) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .int(int(i))
        case SQLITE_FLOAT: return .double(double(i))
        case SQLITE_BLOB: return .blob(blob(i))
        default: return .text(text(i))
        }
    }
}
