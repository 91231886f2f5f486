#if canImport(Glibc)
import Glibc
#endif
import TradeGuardCore

/// The one way both front ends open an existing database (DESIGN §8): the checks asked of the
/// file system first, the read-only fallbacks, and one sentence for each way it can fail. The
/// file is left byte for byte as it was when it is refused. Creating a database (the app's
/// first run, `init`) happens before, in `NewDatabaseFile`.
public enum DatabaseOpening {
    /// What the caller means to do.
    public enum Purpose: Sendable {
        /// A subcommand that only reads: a file or folder that cannot be written opens
        /// immutable instead (SQLite cannot make its -shm file there).
        case read
        /// A subcommand that writes: a file that cannot be written is refused.
        case write
        /// The full-screen app: writable when it can be, else read-only, and it says why.
        case app
    }

    public struct Opened {
        public let store: Store
        /// Why it is read-only, for the app's banner; nil when writable (or when a read
        /// subcommand fell back quietly).
        public let readOnlyReason: String?
    }

    /// Why the database was not opened: one sentence for a person.
    public struct Refused: Error, Equatable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Opens the database at `path` for `purpose`. Throws `Refused` with the sentence to show;
    /// anything else it throws is an error the caller describes (`ErrorSentence`).
    public static func open(_ path: String, for purpose: Purpose, timeSource: TimeSource = SystemTimeSource()) throws -> Opened {
        switch purpose {
        case .app: return try openForApp(path)
        case .read, .write: return Opened(store: try openForSubcommand(path, writing: purpose == .write, timeSource: timeSource),
                                          readOnlyReason: nil)
        }
    }

    // MARK: The checks both share

    static func refuseFolderOrEmpty(_ path: String) throws {
        guard !FileFacts.isDirectory(path) else { throw Refused("\(path) is a folder, not a database file.") }
        if FileFacts.size(path) == 0 {
            throw Refused("The file \(path) is empty, not an initialised TradeGuard database; run 'tradeguard init' to set it up.")
        }
    }

    static var systemReason: String { String(cString: strerror(errno)) }

    // MARK: Subcommands

    /// Never creates: a missing file is refused with a pointer to `init`, an uninitialised one too.
    static func openForSubcommand(_ path: String, writing: Bool, timeSource: TimeSource) throws -> Store {
        if let problem = FileFacts.danglingLinkProblem(path) { throw Refused(problem) }
        guard FileFacts.exists(path) else {
            throw Refused("No database at \(path); run 'tradeguard init' (or 'tradeguard' to start with demo data).")
        }
        try refuseFolderOrEmpty(path)
        // SQLite opens a file it may only read in read-only mode without a word, creating -wal
        // and -shm beside it, and reports an unreadable one as "unable to open"; asking the
        // kernel first gives the true sentence and leaves nothing behind.
        if access(path, R_OK) != 0 {
            throw Refused("The database at \(path) cannot be opened for reading (\(systemReason.lowercased())); nothing was changed.")
        }
        if writing && access(path, W_OK) != 0 { throw cannotWrite(path) }
        let store: Store
        do {
            store = try Store(path: path, create: false, timeSource: timeSource)
        } catch let error as StoreOpenError {
            throw Refused(error.description)
        } catch let error as SQLiteError {
            // Damage found on open goes on record like damage found by check.
            if error.isCorrupt { DamageMarker.record(["the file could not be opened: \(error.message)"], for: path) }
            // A file we may read but not write, in a folder where SQLite cannot create its
            // -shm file: readable only as immutable (DESIGN §8). Writes are refused plainly.
            guard !writing, let fallback = try? Store(path: Database.immutableURI(path: path), readOnly: true,
                                                       create: false, timeSource: timeSource) else {
                if error.isFull || error.isFileTooLarge { throw Refused(StoreError.database(error).description) }
                if error.isReadOnly || error.code == SQLiteError.Code.cantOpen { throw cannotWrite(path) }
                throw Refused("Cannot open the database at \(path): \(error.message).")
            }
            store = fallback
        }
        do {
            guard try store.isInitialised() else {
                store.close()
                throw Refused("The database at \(path) has not been initialised; run 'tradeguard init'.")
            }
        } catch let refused as Refused {
            throw refused
        } catch {
            store.close()
            throw Refused(ErrorSentence.sentence(ErrorSentence.describe(error)))
        }
        return store
    }

    static func cannotWrite(_ path: String) -> Refused {
        Refused("The database at \(path) cannot be opened for writing (the file or its folder is read-only); nothing was changed.")
    }

    // MARK: The full-screen app

    /// A file or folder that cannot be written opens read-only — plainly, or with `immutable=1`
    /// for a WAL database whose folder refuses the -shm file — and says why; everything else that
    /// stops the app (damaged, foreign, newer, empty) is one sentence.
    static func openForApp(_ path: String) throws -> Opened {
        try refuseFolderOrEmpty(path)
        guard access(path, R_OK) == 0 else {
            throw Refused("The database at \(path) cannot be read (\(systemReason)); nothing was changed.")
        }
        if let why = FileFacts.unwritable(path) { return try openReadOnly(path, why: why) }
        do {
            let store = try Store(path: path, create: false)
            // SQLite quietly opens a write-protected file read-only even when asked for writing.
            guard !store.db.isReadOnlyFile else {
                store.close()
                return try openReadOnly(path, why: "the file \(path) cannot be written")
            }
            return Opened(store: store, readOnlyReason: nil)
        } catch let error as SQLiteError where error.isReadOnly || error.code == SQLiteError.Code.cantOpen {
            return try openReadOnly(path, why: "the database at \(path) cannot be written")
        } catch let refused as Refused {
            throw refused
        } catch {
            throw Refused(ErrorSentence.sentence(ErrorSentence.describe(error)))
        }
    }

    /// The SQLite error behind `error`, as thrown or as a read wrapped it.
    private static func sqliteError(_ error: Error) -> SQLiteError? {
        if case let StoreError.database(wrapped) = error { return wrapped }
        return error as? SQLiteError
    }

    private static func openReadOnly(_ path: String, why: String) throws -> Opened {
        var firstError: Error?
        for candidate in [path, Database.immutableURI(path: path)] {
            do {
                let store = try Store(path: candidate, readOnly: true, create: false)
                _ = try store.kind()   // reads a page: a WAL file in a locked folder fails here, not at open
                return Opened(store: store, readOnlyReason: why)
            } catch let error as StoreOpenError {
                throw Refused(error.description)
            } catch {
                // An interrupted write's journal (refused for immutable reads) is the reason to tell.
                let journal = sqliteError(error)?.message.contains("rollback journal") == true
                if firstError == nil || journal { firstError = error }
            }
        }
        let reading = ErrorSentence.sentence(ErrorSentence.describe(firstError ?? StoreError.readOnly))
        throw Refused("The database at \(path) cannot be opened: \(why), and reading it failed too (\(reading))")
    }
}
