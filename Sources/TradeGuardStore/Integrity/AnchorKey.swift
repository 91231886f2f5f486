#if canImport(Glibc)
import Glibc
#endif

/// The secret beside the database (`NAME.sqlite.key`, 32 random bytes) that keys anchored
/// heads: someone who can write the database and the anchor but cannot read this file cannot
/// write an anchor line that `check` accepts.
///
/// Created lazily by the first write that anchors a head (so `init`, `seed` and a database
/// built elsewhere and renamed into place all get one without a step of their own), with the
/// database file's read/write permission bits: 0600, or 0660 for a `--shared` database whose
/// group members must key their own commits.
public enum AnchorKey {
    public static func path(forDatabase database: String) -> String { database + ".key" }

    public enum Loaded: Equatable, Sendable {
        case key([UInt8])
        case missing
        case unreadable(String)
    }

    /// Reads the key; never creates it (`check` must not change what it checks).
    public static func load(forDatabase database: String) -> Loaded {
        let file = path(forDatabase: database)
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 64)
        let n = read(fd, &bytes, bytes.count)
        guard n == 32 else { return .unreadable(n < 0 ? String(cString: strerror(errno)) : "it holds \(n) bytes, not 32") }
        return .key(Array(bytes.prefix(32)))
    }

    /// The key, created first if there is none. Another process creating it at the same
    /// moment is fine: the file appears whole (written under a temporary name, then linked
    /// into place, which fails if it exists) and whoever loses reads the winner's.
    static func loadOrCreate(forDatabase database: String) throws -> [UInt8] {
        switch load(forDatabase: database) {
        case .key(let key): return key
        case .unreadable(let reason): throw AnchorError("cannot read \(path(forDatabase: database)): \(reason)")
        case .missing: break
        }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let file = path(forDatabase: database)
        let temporary = file + ".\(getpid())-\(UInt32.random(in: .min ... .max, using: &generator))"
        try AnchorFile.writeNew(temporary, bytes: key, mode: AnchorFile.mode(likeDatabase: database))
        defer { unlink(temporary) }
        if link(temporary, file) != 0 {
            guard errno == EEXIST, case .key(let theirs) = load(forDatabase: database) else {
                throw AnchorError("cannot create \(file): \(String(cString: strerror(errno)))")
            }
            return theirs
        }
        AnchorFile.syncFolder(of: file)
        return key
    }
}

/// Why a head could not be anchored (the commit itself stands).
struct AnchorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// File plumbing shared by the key and the anchor log.
enum AnchorFile {
    /// The database file's read/write bits (0600 when it cannot be read, e.g. in-memory).
    static func mode(likeDatabase database: String) -> mode_t {
        var info = stat()
        guard stat(database, &info) == 0 else { return 0o600 }
        let mode = info.st_mode & 0o660
        return mode & 0o600 == 0o600 ? mode : 0o600
    }

    /// Creates `file` (which must not exist) holding `bytes`, durably.
    static func writeNew(_ file: String, bytes: [UInt8], mode: mode_t) throws {
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw AnchorError("cannot create \(file): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = fchmod(fd, mode)   // open() applied the umask
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(file)
            throw AnchorError("cannot write \(file): \(reason)")
        }
    }

    /// fsync of the folder, so a file just created survives a power cut with its name.
    static func syncFolder(of file: String) {
        let folder = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// The whole file; nil when there is none.
    static func readWhole(_ file: String) throws -> [UInt8]? {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw AnchorError("cannot read \(file): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw AnchorError("cannot read \(file): \(String(cString: strerror(errno)))") }
            if n == 0 { return data }
            data.append(contentsOf: buffer[0..<n])
        }
    }
}
