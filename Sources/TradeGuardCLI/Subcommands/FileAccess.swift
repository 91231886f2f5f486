#if canImport(Glibc)
import Glibc
#endif

/// Permission checks before SQLite opens a file. SQLite opens a file it may only read in
/// read-only mode without a word, creating `-wal` and `-shm` beside it, and reports an
/// unreadable one as "unable to open"; asking the kernel first gives the true sentence and
/// leaves nothing behind.
enum FileAccess {
    static func require(_ access: Access, path: String) throws(CLIError) {
        if Glibc.access(path, R_OK) != 0 {
            throw .failed("The database at \(path) cannot be opened for reading (\(String(cString: strerror(errno)).lowercased())); nothing was changed.")
        }
        if access == .write && Glibc.access(path, W_OK) != 0 {
            throw .failed("The database at \(path) cannot be opened for writing (the file or its folder is read-only); nothing was changed.")
        }
    }
}
