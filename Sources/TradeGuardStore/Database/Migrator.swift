#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a database file cannot be used. Each message is one sentence fit for stderr.
public enum StoreOpenError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not SQLite at all, truncated, or otherwise damaged (SQLITE_NOTADB / SQLITE_CORRUPT).
    case notADatabase(path: String)
    /// An SQLite file of another program: foreign application_id, or tables but no id.
    case foreignDatabase(path: String)
    /// Written by a newer TradeGuard than this one.
    case newerSchema(found: Int, supported: Int)
    /// An older schema opened read-only: upgrading it needs write access.
    case readOnlyNeedsMigration(found: Int, supported: Int)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path) is not a TradeGuard database: it is not an SQLite file, or it is damaged."
        case .foreignDatabase(let path):
            return "\(path) belongs to another program (an SQLite database, but not TradeGuard's); it was left untouched."
        case .newerSchema(let found, let supported):
            return "This database was written by a newer TradeGuard (schema \(found)); this program understands up to schema \(supported). Upgrade TradeGuard."
        case .readOnlyNeedsMigration(let found, let supported):
            return "This database has schema \(found) and needs upgrading to schema \(supported), which cannot be done read-only; open it once with write access."
        }
    }
}

/// Brings a database to the newest schema. Step i takes `user_version` i to i+1; all pending
/// steps run in ONE `BEGIN IMMEDIATE` transaction, so a failure leaves the old schema intact and
/// two processes starting at once cannot both migrate. `application_id` marks the file as ours.
public struct Migrator: Sendable {
    public typealias Step = @Sendable (Database) throws -> Void

    public let applicationID: Int32
    public let steps: [Step]

    public init(applicationID: Int32, steps: [Step]) {
        precondition(applicationID != 0, "0 means 'no application id' in SQLite")
        self.applicationID = applicationID
        self.steps = steps
    }

    /// Each script is one step, run with `execute` (several statements allowed).
    public init(applicationID: Int32, scripts: [String]) {
        self.init(applicationID: applicationID, steps: scripts.map { sql in { try $0.execute(sql) } })
    }

    /// The schema version this program understands.
    public var latestVersion: Int { steps.count }

    public enum State: Equatable, Sendable {
        case empty                      // no schema objects, no id: a new file
        case current
        case needsMigration(from: Int)
    }

    /// Opens `path`, refuses it if it is not ours (before anything writes to it — configure()
    /// would switch a foreign file to WAL), then configures and migrates (read-write) or
    /// checks the schema is current (read-only). SQLite's NOTADB/CORRUPT become `.notADatabase`.
    public func open(path: String, mode: Database.OpenMode = .readWrite(create: true),
                     busyTimeoutMs: Int32 = 5_000, fileMode: mode_t = 0o600) throws -> Database {
        // SQLite's unix VFS reports a 1-byte file as empty (ticket #3260, an old msdos
        // workaround), so it would be taken for a new database and overwritten.
        var info = stat()
        if !path.hasPrefix("file:"), stat(path, &info) == 0, info.st_size == 1 {
            throw StoreOpenError.notADatabase(path: path)
        }
        return try mappingCorruption(path: path) {
            let db = try Database(path: path, mode: mode, busyTimeoutMs: busyTimeoutMs, fileMode: fileMode)
            _ = try inspect(db, path: path)
            try db.configure()
            _ = try migrate(db, path: path)
            return db
        }
    }

    /// Reads application_id, user_version and whether any schema object exists; writes nothing.
    public func inspect(_ db: Database) throws -> State {
        try inspect(db, path: Self.displayPath(db))
    }

    private func inspect(_ db: Database, path: String) throws -> State {
        try mappingCorruption(path: path) {
            try db.read {
                let appID = try db.applicationID()
                let version = try db.userVersion()
                let objects = try db.scalarInt("SELECT count(*) FROM sqlite_schema") ?? 0
                if appID == 0 && objects == 0 && version == 0 { return .empty }
                guard appID == applicationID else { throw StoreOpenError.foreignDatabase(path: path) }
                if version > latestVersion { throw StoreOpenError.newerSchema(found: version, supported: latestVersion) }
                return version == latestVersion ? .current : .needsMigration(from: version)
            }
        }
    }

    /// Applies the pending steps; returns the versions before and after. Read-only
    /// connections are only checked. Foreign keys are off while steps run (SQLite's recipe for
    /// rebuilding tables) and `foreign_key_check` must be clean before the commit.
    @discardableResult
    public func migrate(_ db: Database) throws -> (from: Int, to: Int) {
        try migrate(db, path: Self.displayPath(db))
    }

    private func migrate(_ db: Database, path: String) throws -> (from: Int, to: Int) {
        if db.mode == .readOnly {
            switch try inspect(db, path: path) {
            case .current: return (latestVersion, latestVersion)
            case .empty: throw StoreOpenError.readOnlyNeedsMigration(found: 0, supported: latestVersion)
            case .needsMigration(let v): throw StoreOpenError.readOnlyNeedsMigration(found: v, supported: latestVersion)
            }
        }
        // Usually current: answer from a read, without waiting for another process's write lock.
        if try inspect(db, path: path) == .current { return (latestVersion, latestVersion) }
        return try mappingCorruption(path: path) {
            // The pragma is a no-op inside a transaction, so it is switched around it.
            let foreignKeys = try db.scalarInt("PRAGMA foreign_keys") ?? 0
            if foreignKeys != 0 { try db.execute("PRAGMA foreign_keys = OFF") }
            defer { if foreignKeys != 0 { try? db.execute("PRAGMA foreign_keys = ON") } }
            return try db.write {
                let from: Int
                switch try inspect(db, path: path) {  // again, under the write lock: another process may have won
                case .current: return (latestVersion, latestVersion)
                case .empty:
                    try db.setApplicationID(applicationID)
                    from = 0
                case .needsMigration(let v):
                    from = v
                }
                for i in from..<latestVersion {
                    try steps[i](db)
                    try db.setUserVersion(i + 1)
                }
                if let table = try db.query("PRAGMA foreign_key_check", row: { $0.text(0) }).first {
                    throw SQLiteError(extendedCode: SQLiteError.Code.constraintForeignKey,
                                      message: "migration to schema \(latestVersion) left foreign key violations in \(table)")
                }
                return (from, latestVersion)
            }
        }
    }

    private static func displayPath(_ db: Database) -> String {
        db.filename.isEmpty ? db.path : db.filename
    }

    private func mappingCorruption<T>(path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SQLiteError where error.isCorrupt {
            throw StoreOpenError.notADatabase(path: path)
        }
    }
}
