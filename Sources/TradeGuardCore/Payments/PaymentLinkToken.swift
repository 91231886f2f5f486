/// The secret in a payment link: 128 random bits, written in RFC 4648 base32 (26 characters,
/// no padding). Drawn from an injected generator — the system's in production, a seeded one
/// in demos and tests — and compared in constant time.
public struct PaymentLinkToken: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".unicodeScalars)

    public init<G: RandomNumberGenerator>(using generator: inout G) {
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        text = PaymentLinkToken.base32(bytes: PaymentLinkToken.bytes(high) + PaymentLinkToken.bytes(low))
    }

    /// A token read back from storage or typed in; nil unless it is 26 base32 characters.
    public init?(_ text: String) {
        // On the UTF-8 bytes: every base32 character is one byte (A–Z, 2–7), any other refuses.
        var valid = false
        var copy = text
        copy.withUTF8 { bytes in
            valid = bytes.count == 26
                && bytes.allSatisfy { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "2") && $0 <= UInt8(ascii: "7")) }
        }
        guard valid else { return nil }
        self.text = text
    }

    /// Constant time in the length of the token: no early exit on the first differing byte.
    public func matches(_ candidate: String) -> Bool {
        let a = Array(text.utf8)
        let b = Array(candidate.utf8)
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<a.count {
            difference |= a[index] ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }

    /// "ABCD…WXYZ" with the middle hidden, for screens; the full token only on request.
    public var masked: String { String(text.prefix(4)) + "…" + String(text.suffix(4)) }

    /// The link the buyer follows.
    public var url: String { "https://pay.tradeguard.example/l/\(text)" }

    public var description: String { masked }

    static func bytes(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) } }

    static func base32(bytes: [UInt8]) -> String {
        var out = String.UnicodeScalarView()
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(out)
    }
}

/// Identifies one payment across retries: the same key twice records one payment.
/// 1–64 characters of letters, digits, `-` and `_`.
public struct IdempotencyKey: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// 1–64 ASCII letters, digits, hyphens or underscores. On the UTF-8 bytes: each allowed
    /// character is one byte, any other byte refuses the key.
    public init(_ text: String) throws(PaymentError) {
        var valid = false
        var copy = text
        copy.withUTF8 { bytes in
            valid = (1...64).contains(bytes.count) && bytes.allSatisfy { byte in
                let letter = byte | 0x20   // ASCII lower case for letters; other bytes stay outside a–z
                return (letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
        }
        guard valid else { throw .badKey(text) }
        value = text
    }

    /// A fresh key for a caller that gave none (printed so the caller can retry with it).
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> IdempotencyKey {
        let token = PaymentLinkToken(using: &generator)
        return try! IdempotencyKey("k-" + token.text.lowercased())
    }

    public var description: String { value }
}

/// Which term of the payment schedule a payment settles.
public enum PaymentTerm: String, Sendable, CaseIterable, Codable {
    case advance, balance
}

/// A payment received through the link.
public struct PaymentRecord: Hashable, Sendable {
    public let key: IdempotencyKey
    public let term: PaymentTerm
    public let amount: Money
    public let method: PaymentMethod
    public let at: Instant

    public init(key: IdempotencyKey, term: PaymentTerm, amount: Money, method: PaymentMethod, at: Instant) {
        self.key = key
        self.term = term
        self.amount = amount
        self.method = method
        self.at = at
    }
}

public enum PaymentError: Error, Equatable, Sendable, CustomStringConvertible {
    case badKey(String)
    public var description: String {
        switch self {
        case let .badKey(text): return "\(TextRules.quoted(text)) is not a valid idempotency key: use 1–64 letters, digits, '-' or '_'."
        }
    }
}
