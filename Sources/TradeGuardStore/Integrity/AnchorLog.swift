#if canImport(Glibc)
import Glibc
#endif
import TradeGuardCore

/// The anchor log beside the database (`NAME.sqlite.anchor`): one line per committed head,
/// `SEQUENCE KEYED-HASH TIME`, e.g. `18214 3fa0…(64 hex) 2026-12-05T10:14:03Z`, where the keyed
/// hash is HMAC-SHA-256(key, chain hash of event SEQUENCE), or `-` when no key could be had.
///
/// Appended after COMMIT, so a crash between the two leaves the anchor behind the log, never
/// ahead: `check` takes a log longer than the anchor as fine, shorter or different as tampering.
/// Each line is one `write` with O_APPEND, so lines from several processes never interleave
/// within a line, but may arrive out of order; `check` sorts them.
public struct AnchorLine: Equatable, Sendable {
    public let sequence: Int64
    /// nil: written without a key (only the sequence is asserted).
    public let keyedHash: [UInt8]?
    public let at: Instant

    public var text: String {
        "\(sequence) \(keyedHash.map(SHA256.hex) ?? "-") \(at.iso8601)\n"
    }

    /// One line without its newline; nil if it is not one.
    public init?(parsing line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 3, let sequence = Int64(fields[0]), sequence > 0, !fields[0].hasPrefix("+"),
              let at = Instant.parse(String(fields[2])) else { return nil }
        if fields[1] == "-" {
            keyedHash = nil
        } else {
            guard let bytes = Self.bytes(hex: fields[1]), bytes.count == 32 else { return nil }
            keyedHash = bytes
        }
        self.sequence = sequence
        self.at = at
    }

    public init(sequence: Int64, keyedHash: [UInt8]?, at: Instant) {
        self.sequence = sequence
        self.keyedHash = keyedHash
        self.at = at
    }

    static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ d: UInt8) -> UInt8? {
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return d - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return d - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let high = value(digits[i]), let low = value(digits[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }
}

public enum AnchorLog {
    public static func path(forDatabase database: String) -> String { database + ".anchor" }

    /// Creates the (empty) anchor if there is none.
    static func create(database: String) throws {
        let fd = try openForAppend(database: database)
        close(fd)
    }

    /// Appends one line and fsyncs it; creates the file (and syncs its folder) if needed.
    static func append(_ line: AnchorLine, database: String) throws {
        let file = path(forDatabase: database)
        let fd = try openForAppend(database: database)
        defer { close(fd) }
        let bytes = Array(line.text.utf8)
        let written = write(fd, bytes, bytes.count)
        guard written == bytes.count, fsync(fd) == 0 else {
            throw AnchorError("cannot append to \(file): \(written < 0 ? String(cString: strerror(errno)) : "short write")")
        }
    }

    /// Opens the anchor for appending, creating it with the database's mode if needed.
    private static func openForAppend(database: String) throws -> Int32 {
        let file = path(forDatabase: database)
        let mode = AnchorFile.mode(likeDatabase: database)
        var fd = Glibc.open(file, O_WRONLY | O_APPEND | O_CLOEXEC)
        var created = false
        if fd < 0 && errno == ENOENT {
            fd = Glibc.open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode)
            created = fd >= 0
            if created { _ = fchmod(fd, mode) }
        }
        guard fd >= 0 else { throw AnchorError("cannot open \(file): \(String(cString: strerror(errno)))") }
        if created { AnchorFile.syncFolder(of: file) }
        return fd
    }

    /// What the anchor file holds, read whole.
    public struct Contents: Sendable {
        public var exists = false
        public var lines: [AnchorLine] = []
        /// 1-based numbers of lines that are not anchor lines.
        public var unreadable: [Int] = []
        public var readError: String?
    }

    public static func read(forDatabase database: String) -> Contents {
        var contents = Contents()
        let data: [UInt8]
        do {
            guard let read = try AnchorFile.readWhole(path(forDatabase: database)) else { return contents }
            data = read
        } catch {
            contents.readError = "\(error)"
            return contents
        }
        contents.exists = true
        let text = String(decoding: data, as: UTF8.self)
        let complete = text.hasSuffix("\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            // The empty piece after the final newline, or an unfinished last line: a write cut
            // short by a crash, which asserts nothing.
            if isLast && (line.isEmpty || !complete) { continue }
            if let parsed = AnchorLine(parsing: line) { contents.lines.append(parsed) } else { contents.unreadable.append(index + 1) }
        }
        return contents
    }
}
