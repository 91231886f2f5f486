#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The platform account's `authorized_keys`, of which TradeGuard owns the lines between two
/// marker lines: every live key, each forced into `tradeguard session`. Lines outside the markers
/// (the administrator's own keys) are kept byte for byte. The file is replaced whole: written to a
/// temporary file beside it, fsynced, renamed over it, and the folder fsynced — sshd reading it at
/// any moment sees the old file or the new one, never half.
public enum AuthorizedKeysFile {
    public static let beginMarker = "# BEGIN TradeGuard keys: 'tradeguard keys' rewrites the lines up to END; edit outside them"
    public static let endMarker = "# END TradeGuard keys"

    /// `command="BINARY session --key FP",restrict,pty KEY`: sshd runs the session whatever the
    /// client asked for (its request arrives as SSH_ORIGINAL_COMMAND), with no forwarding of any
    /// kind, no agent, no X11, no ~/.ssh/rc, and a terminal only for the full-screen app.
    public static func line(for key: KeyRecord, binary: String) -> String {
        "command=\"\(binary) session --key \(key.fingerprint)\",restrict,pty \(key.publicKey)"
    }

    /// Whether `binary` can go inside `command="…"` as it is: an absolute path without quotes,
    /// backslashes, spaces or controls.
    public static func isUsableBinary(_ binary: String) -> Bool {
        binary.hasPrefix("/") && binary.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" }
    }

    /// `existing` with its managed block replaced by `lines` (appended at the end when it had none).
    public static func render(existing: String, lines: [String]) -> String {
        var before: [Substring] = [], after: [Substring] = []
        var state = 0   // 0 before the block, 1 inside, 2 after
        for line in existing.split(separator: "\n", omittingEmptySubsequences: false) {
            if state == 0 && line == beginMarker { state = 1; continue }
            if state == 1 { if line == endMarker { state = 2 }; continue }
            if state == 0 { before.append(line) } else { after.append(line) }
        }
        // The file's last newline leaves one empty piece at its end: not a line of its own.
        if after.last == "" { after.removeLast() } else if state != 2, before.last == "" { before.removeLast() }
        let block = [beginMarker] + lines + [endMarker]
        let all = before.map(String.init) + block + after.map(String.init)
        return all.joined(separator: "\n") + "\n"
    }

    /// Rewrites `path` with `keys`' live lines. Writers take turns through a lock file beside it,
    /// and each writes the database's whole list, so the last one leaves the newest list.
    public static func write(path: String, keys: [KeyRecord], binary: String) throws {
        guard isUsableBinary(binary) else {
            throw StoreError.invalid("The tradeguard binary for authorized_keys must be an absolute path without spaces or quotes (got \(binary)).")
        }
        let folder = folderOf(path)
        if access(folder, F_OK) != 0, mkdir(folder, 0o700) != 0 { throw failure("cannot create the folder", folder, errno) }
        let lock = open(path + ".tradeguard-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw failure("cannot lock", path, errno) }
        defer { close(lock) }
        guard flock(lock, LOCK_EX) == 0 else { throw failure("cannot lock", path, errno) }

        let existing = try readAll(path) ?? ""
        let text = render(existing: existing, lines: keys.filter { !$0.isRevoked }.map { line(for: $0, binary: binary) })
        var template = Array((path + ".tradeguard-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure("cannot create a temporary file beside", path, errno) }
        let temporary = String(cString: template)
        do {
            _ = fchmod(fd, 0o600)
            var bytes = Array(text.utf8)
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
                if n < 0 { if errno == EINTR { continue }; throw failure("cannot write", temporary, errno) }
                written += n
            }
            guard fsync(fd) == 0 else { throw failure("cannot flush", temporary, errno) }
            close(fd)
            guard rename(temporary, path) == 0 else { throw failure("cannot move into place", path, errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    /// The file's text, or nil when there is none.
    static func readAll(_ path: String) throws -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { if errno == ENOENT { return nil }; throw failure("cannot read", path, errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw failure("cannot read", path, errno) }
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func failure(_ what: String, _ path: String, _ code: Int32) -> StoreError {
        StoreError.invalid("\(what) \(path): \(String(cString: strerror(code))).")
    }
}
