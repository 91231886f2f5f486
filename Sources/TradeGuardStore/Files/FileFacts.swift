import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the file system says about a path, asked before SQLite is: SQLite reports a missing,
/// unreadable or dangling path only as "unable to open database file".
public enum FileFacts {
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func size(_ path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }

    /// The target of `path` when it is a symbolic link to nothing, else nil.
    public static func danglingLinkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, !exists(path) else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        return count < 0 ? "a missing file" : String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The sentence for a dangling link at `path`, when it is one.
    public static func danglingLinkProblem(_ path: String) -> String? {
        danglingLinkTarget(path).map {
            "\(path) is a symbolic link to \($0), which does not exist; remove the link or point it at a database, or give another --db."
        }
    }

    /// Why the database cannot be written (the file, or its folder where SQLite keeps the -wal
    /// and -shm files), or nil when both can. `access` answers for the real user, as SQLite will.
    public static func unwritable(_ path: String) -> String? {
        // The folder first: it is what forces immutable=1 on a WAL database.
        let folder = (path as NSString).deletingLastPathComponent
        if access(folder.isEmpty ? "." : folder, W_OK) != 0 { return "its folder \(folder.isEmpty ? "." : folder) cannot be written" }
        if access(path, W_OK) != 0 { return "the file \(path) cannot be written" }
        return nil
    }
}
