#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that appears whole or not at all (issue 17 item 5): it is written as `PATH.creating`
/// beside its destination, fsynced, hard-linked into place (which never replaces anything) and
/// the folder fsynced. A `kill -9` at any moment leaves nothing at `path` or the whole file. A
/// killed attempt's `.creating` file (and SQLite's files beside it) is cleared by the next one;
/// two processes making the same path take turns through a lock on the temporary file.
public enum AtomicFile {
    public enum Outcome: Equatable, Sendable {
        case created
        /// Something was at `path` already (possibly made meanwhile by another process); it was
        /// left alone and nothing of ours remains.
        case alreadyExists
    }

    public static func temporaryPath(for path: String) -> String { path + ".creating" }

    /// Calls `write` with the path of an empty temporary file (mode `fileMode`) to fill, then
    /// moves it to `path` — unless a file is there already, before or after.
    public static func create(at path: String, fileMode: mode_t, write: (String) throws -> Void) throws -> Outcome {
        let temporary = temporaryPath(for: path)
        let lock = try lockTemporary(temporary, mode: fileMode)
        // Kept open until the writer is done: closing any descriptor of a file drops the
        // process's fcntl locks on it, SQLite's included.
        defer { close(lock) }
        func discard() {
            for suffix in ["-wal", "-shm", "-journal", ""] { _ = unlink(temporary + suffix) }
        }
        if fileExists(path) { discard(); return .alreadyExists }
        for suffix in ["-wal", "-shm", "-journal"] { _ = unlink(temporary + suffix) }
        guard ftruncate(lock, 0) == 0 else { let e = errno; discard(); throw failure("cannot empty", temporary, e) }
        do {
            try write(temporary)
            guard fsync(lock) == 0 else { throw failure("cannot flush", temporary, errno) }
            if link(temporary, path) != 0 {
                let reason = errno
                if reason == EEXIST { discard(); return .alreadyExists }
                // A file system without hard links: rename, having just looked.
                guard !fileExists(path), rename(temporary, path) == 0 else { throw failure("cannot move into place", path, reason) }
            } else {
                _ = unlink(temporary)
            }
            syncFolder(of: path)
            return .created
        } catch {
            discard()
            throw error
        }
    }

    /// Opens (creating) the temporary file and waits for its flock(2) lock: independent of
    /// SQLite's fcntl locks, and released when its process dies, so a killed creator never
    /// blocks the next one.
    private static func lockTemporary(_ temporary: String, mode: mode_t) throws -> Int32 {
        while true {
            let fd = open(temporary, O_RDWR | O_CREAT | O_CLOEXEC, mode)
            guard fd >= 0 else { throw failure("cannot create", temporary, errno) }
            _ = fchmod(fd, mode)   // open() applied the umask
            guard flock(fd, LOCK_EX) == 0 else {
                let reason = errno
                close(fd)
                throw failure("cannot lock", temporary, reason)
            }
            // The previous holder may have moved or removed the file while we waited: the lock
            // would then be on a file nobody else looks at; start again.
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(temporary, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                return fd
            }
            close(fd)
        }
    }

    private static func syncFolder(of path: String) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    private static func failure(_ what: String, _ path: String, _ code: Int32) -> StoreError {
        StoreError.invalid("\(what) \(path): \(String(cString: strerror(code)))")
    }
}
