import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// One error type for everything SQLite reports. `extendedCode` is the extended result code
/// (extended codes are switched on at open), so callers can tell a UNIQUE violation (2067)
/// from a CHECK failure (275) while still matching the primary `code`.
public struct SQLiteError: Error, Equatable, Sendable, CustomStringConvertible {
    public let extendedCode: Int32
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?
    /// The operating system's errno behind an I/O error (`sqlite3_system_errno`), else 0:
    /// tells a full disk (ENOSPC) or a file size limit (EFBIG) from other I/O errors.
    public var systemErrno: Int32 = 0

    public var code: Int32 { extendedCode & 0xFF }

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Builds the error for `rc` just returned by an API call on `db`. sqlite3_errmsg only
    /// describes the most recent failure, so it is used only when it belongs to `rc`.
    init(rc: Int32, db: OpaquePointer?, sql: String? = nil) {
        var text: String?
        if let db, sqlite3_extended_errcode(db) == rc, let p = sqlite3_errmsg(db) {
            text = String(cString: p)
        }
        if text == nil, let p = sqlite3_errstr(rc) { text = String(cString: p) }
        self.init(extendedCode: rc, message: text ?? "SQLite error \(rc)", sql: sql)
        if let db, rc & 0xFF == Code.ioError || rc & 0xFF == Code.full {
            // SQLite reports the thread's errno at the time, often already 0; when it says
            // nothing useful, look at what stops a write: the size limit, then free space.
            let reported = sqlite3_system_errno(db)
            systemErrno = reported != 0 ? reported : Self.spaceProblem(db)
        }
    }

    /// EFBIG when the database or its WAL/journal is at this process's file size limit
    /// (RLIMIT_FSIZE), ENOSPC when its filesystem has (almost) no free space, else 0.
    private static func spaceProblem(_ db: OpaquePointer) -> Int32 {
        guard let name = sqlite3_db_filename(db, "main"), name.pointee != 0 else { return 0 }
        let path = String(cString: name)
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
            for file in [path, path + "-wal", path + "-journal", path + "-shm"] {
                var info = stat()
                if stat(file, &info) == 0, UInt64(info.st_size) + 65_536 >= UInt64(limit.rlim_cur) { return Errno.fileTooLarge }
            }
        }
        var fs = statvfs()
        if statvfs(path, &fs) == 0, UInt64(fs.f_bavail) * UInt64(fs.f_frsize) < 1 << 20 { return Errno.noSpace }
        return 0
    }

    /// Misuse of this layer (closed database, nested write, wrong argument count…).
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: Code.misuse, message: message, sql: sql)
    }

    /// A statement that would write, stepped inside `Database.read` (SQLITE_READONLY, as
    /// `PRAGMA query_only` would say).
    static func writeInRead(sql: String?) -> SQLiteError {
        SQLiteError(extendedCode: Code.readOnly, message: "attempt to write inside a read-only transaction", sql: sql)
    }

    /// SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock past the busy timeout.
    public var isBusy: Bool { code == Code.busy || code == Code.locked }
    public var isConstraint: Bool { code == Code.constraint }
    /// The statement was stopped on purpose (`Database.interruptible`).
    public var isInterrupted: Bool { code == Code.interrupt }
    public var isReadOnly: Bool { code == Code.readOnly }
    /// The file is damaged or is not a database at all.
    public var isCorrupt: Bool { code == Code.corrupt || code == Code.notADatabase }
    /// No room to write: SQLITE_FULL, or an I/O error whose cause was a full disk or quota.
    public var isFull: Bool {
        code == Code.full || (code == Code.ioError && (systemErrno == Errno.noSpace || systemErrno == Errno.quota))
    }
    /// The file may grow no further: the size limit set for this process (RLIMIT_FSIZE).
    public var isFileTooLarge: Bool { code == Code.ioError && systemErrno == Errno.fileTooLarge }

    /// Linux errno values, so callers need not import Glibc.
    public enum Errno {
        public static let noSpace: Int32 = 28      // ENOSPC
        public static let fileTooLarge: Int32 = 27 // EFBIG
        public static let quota: Int32 = 122       // EDQUOT
    }

    public var description: String {
        var s = "SQLite error \(extendedCode): \(message)"
        if let sql { s += " (in: \(sql))" }
        return s
    }

    /// Result codes, so modules that do not import CSQLite can match them. Extended codes are
    /// `primary | (n << 8)` as in sqlite3.h; DatabaseTests checks each against the C macro.
    public enum Code {
        public static let ok: Int32 = 0
        public static let error: Int32 = 1
        public static let busy: Int32 = 5
        public static let locked: Int32 = 6
        public static let readOnly: Int32 = 8
        public static let interrupt: Int32 = 9
        public static let ioError: Int32 = 10
        public static let corrupt: Int32 = 11
        public static let full: Int32 = 13
        public static let cantOpen: Int32 = 14
        public static let constraint: Int32 = 19
        public static let misuse: Int32 = 21
        public static let range: Int32 = 25
        public static let notADatabase: Int32 = 26

        public static let busyRecovery: Int32 = 261       // 5 | 1<<8
        public static let busySnapshot: Int32 = 517       // 5 | 2<<8
        public static let busyTimeout: Int32 = 773        // 5 | 3<<8
        public static let readOnlyRecovery: Int32 = 264   // 8 | 1<<8
        public static let readOnlyCantLock: Int32 = 520   // 8 | 2<<8
        public static let readOnlyRollback: Int32 = 776   // 8 | 3<<8
        public static let readOnlyDBMoved: Int32 = 1032   // 8 | 4<<8
        public static let readOnlyCantInit: Int32 = 1288  // 8 | 5<<8
        public static let readOnlyDirectory: Int32 = 1544 // 8 | 6<<8
        public static let constraintCheck: Int32 = 275       // 19 | 1<<8
        public static let constraintForeignKey: Int32 = 787  // 19 | 3<<8
        public static let constraintNotNull: Int32 = 1299    // 19 | 5<<8
        public static let constraintPrimaryKey: Int32 = 1555 // 19 | 6<<8
        public static let constraintTrigger: Int32 = 1811    // 19 | 7<<8
        public static let constraintUnique: Int32 = 2067     // 19 | 8<<8
        public static let constraintDatatype: Int32 = 3091   // 19 | 12<<8
    }
}
