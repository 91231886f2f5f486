import Foundation

/// An OpenSSH public key as a `.pub` file holds it: `TYPE BASE64 [COMMENT]`. Only the type and
/// the key blob are kept; the comment is dropped, so nothing a company sent ever reaches the
/// `authorized_keys` file but a known type and base64.
public struct SSHPublicKey: Equatable, Sendable {
    public let type: String
    public let base64: String
    /// OpenSSH's SHA256 form, as `ssh-keygen -lf` prints it: "SHA256:" + base64 of SHA-256 of
    /// the key blob, without padding.
    public let fingerprint: String

    public static let types: Set<String> = [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    /// "TYPE BASE64": the key part of an authorized_keys line.
    public var keyText: String { "\(type) \(base64)" }

    /// Parses the first non-empty, non-comment line of `text`; refuses options, unknown types,
    /// bad base64 and a blob that does not name its own type, each with one sentence.
    public init(parsing text: String) throws {
        guard text.utf8.count <= 16_384 else { throw StoreError.invalid("A public key is at most 16 KB; this is not one.") }
        let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && !$0.hasPrefix("#") }
        guard let line else { throw StoreError.invalid("No public key was given (expected a line like 'ssh-ed25519 AAAA… comment').") }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 2, Self.types.contains(words[0]) else {
            throw StoreError.invalid("This is not an OpenSSH public key (expected 'ssh-ed25519 AAAA…', without options); give the .pub file.")
        }
        guard words[1].utf8.allSatisfy({ Self.isBase64($0) }), let blob = Data(base64Encoded: words[1]), !blob.isEmpty else {
            throw StoreError.invalid("The public key's data is not valid base64.")
        }
        let bytes = [UInt8](blob)
        guard Self.namedType(bytes) == words[0] else {
            throw StoreError.invalid("The public key's data does not match its type \(words[0]).")
        }
        type = words[0]
        base64 = words[1]
        fingerprint = Self.fingerprint(of: bytes)
    }

    public static func fingerprint(of blob: [UInt8]) -> String {
        var text = Data(SHA256.hash(blob)).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return "SHA256:" + text
    }

    /// The type string the blob starts with (uint32 big-endian length, then the name).
    private static func namedType(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 4 else { return nil }
        let length = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, length <= 64, bytes.count >= 4 + length else { return nil }
        return String(bytes: bytes[4..<(4 + length)], encoding: .ascii)
    }

    private static func isBase64(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): return true
        default: return false
        }
    }

    /// Whether `text` has the shape of a fingerprint (as typed after `keys revoke` or `--key`).
    public static func isFingerprint(_ text: String) -> Bool {
        text.utf8.count == 50 && text.hasPrefix("SHA256:") && text.utf8.dropFirst(7).allSatisfy { isBase64($0) && $0 != UInt8(ascii: "=") }
    }
}
