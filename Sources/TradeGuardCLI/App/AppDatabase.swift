import Foundation
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// Opens the full-screen app's database (DESIGN §8). A file or folder that cannot be written
/// opens read-only — plainly, or with `immutable=1` for a WAL database whose folder refuses the
/// -shm file — and says why; everything else that stops the app (damaged, foreign, newer,
/// empty) is one sentence, and the file is left byte for byte as it was.
enum AppDatabase {
    struct Opened {
        let store: Store
        /// Why it is read-only, for the banner; nil when writable.
        let readOnlyReason: String?
    }

    static func open(path: String) throws(CLIError) -> Opened {
        guard !DatabaseLocation.isDirectory(path) else { throw .failed("\(path) is a folder, not a database file.") }
        if DatabaseLocation.fileSize(path) == 0 {
            throw .failed("The file \(path) is empty, not an initialised TradeGuard database; run 'tradeguard init' to set it up.")
        }
        guard access(path, R_OK) == 0 else {
            throw .failed("The database at \(path) cannot be read (\(String(cString: strerror(errno)))); nothing was changed.")
        }
        if let why = unwritable(path) { return try openReadOnly(path: path, why: why) }
        do {
            let store = try Store(path: path, create: false)
            // SQLite quietly opens a write-protected file read-only even when asked for writing.
            guard !store.db.isReadOnlyFile else {
                store.close()
                return try openReadOnly(path: path, why: "the file \(path) cannot be written")
            }
            return Opened(store: store, readOnlyReason: nil)
        } catch let error as SQLiteError where error.isReadOnly || error.code == SQLiteError.Code.cantOpen {
            return try openReadOnly(path: path, why: "the database at \(path) cannot be written")
        } catch let error as CLIError {
            throw error
        } catch {
            throw .failed(Failure.describe(error))
        }
    }

    /// Why the database cannot be written (the file, or its folder where SQLite keeps the -wal
    /// and -shm files), or nil when both can. `access` answers for the real user, as SQLite will.
    static func unwritable(_ path: String) -> String? {
        // The folder first: it is what forces immutable=1 on a WAL database.
        let folder = (path as NSString).deletingLastPathComponent
        if access(folder.isEmpty ? "." : folder, W_OK) != 0 { return "its folder \(folder.isEmpty ? "." : folder) cannot be written" }
        if access(path, W_OK) != 0 { return "the file \(path) cannot be written" }
        return nil
    }

    private static func openReadOnly(path: String, why: String) throws(CLIError) -> Opened {
        var firstError: Error?
        for candidate in [path, Database.immutableURI(path: path)] {
            do {
                let store = try Store(path: candidate, readOnly: true, create: false)
                _ = try store.kind()   // reads a page: a WAL file in a locked folder fails here, not at open
                return Opened(store: store, readOnlyReason: why)
            } catch let error as StoreOpenError {
                throw .failed(error.description)
            } catch {
                // An interrupted write's journal (refused for immutable reads) is the reason to tell.
                let journal = (error as? SQLiteError)?.message.contains("rollback journal") == true
                if firstError == nil || journal { firstError = error }
            }
        }
        throw .failed("The database at \(path) cannot be opened: \(why), and reading it failed too (\(Failure.describe(firstError ?? StoreError.readOnly)))")
    }
}
