import CSQLite

/// One error type for everything SQLite reports. `extendedCode` is the extended result code
/// (extended codes are switched on at open), so callers can tell a UNIQUE violation (2067)
/// from a CHECK failure (275) while still matching the primary `code`.
public struct SQLiteError: Error, Equatable, Sendable, CustomStringConvertible {
    public let extendedCode: Int32
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

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
    }

    /// Misuse of this layer (closed database, nested write, wrong argument count…).
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedCode: Code.misuse, message: message, sql: sql)
    }

    /// SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock past the busy timeout.
    public var isBusy: Bool { code == Code.busy || code == Code.locked }
    public var isConstraint: Bool { code == Code.constraint }
    public var isReadOnly: Bool { code == Code.readOnly }
    /// The file is damaged or is not a database at all.
    public var isCorrupt: Bool { code == Code.corrupt || code == Code.notADatabase }
    public var isFull: Bool { code == Code.full }

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
