import TradeGuardCore

/// One pass over an audit event producing both encodings the store needs: the canonical bytes
/// the chain hashes (exactly `AuditEvent.canonicalBytes`) and the payload JSON the `events` row
/// stores (exactly `EventPayload.encode`), appended to reusable buffers — no intermediate
/// strings or arrays. Tests compare both with the reference encoders.
enum SeedEncoding {
    private static let tag = Array("tg-event-v1".utf8)

    /// Appends `event.canonicalBytes` to `out`.
    static func appendCanonical(_ event: AuditEvent, to out: inout [UInt8]) {
        out.append(contentsOf: tag)
        put(event.actor, &out)
        put(event.action, &out)
        if let order = event.order { putCode(order.number, &out) } else { putEmpty(&out) }
        put(event.fromState?.rawValue ?? "", &out)
        put(event.toState?.rawValue ?? "", &out)
        putInteger(event.at.secondsSinceEpoch, &out)
        putInteger(Int64(event.payload.count), &out)
        for field in event.payload {
            put(field.key, &out)
            put(field.value, &out)
        }
    }

    /// Appends `EventPayload.encode(event.payload)` (UTF-8) to `out`.
    static func appendPayloadJSON(_ fields: [AuditEvent.Field], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        for field in fields {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            quote(field.key, &out)
            out.append(UInt8(ascii: ":"))
            quote(field.value, &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    // MARK: Pieces

    static func putTag(_ out: inout [UInt8]) { out.append(contentsOf: tag) }

    /// A length-prefixed field from raw bytes.
    @inline(__always)
    static func put(bytes: UnsafeRawBufferPointer, _ out: inout [UInt8]) {
        appendDecimal(UInt64(bytes.count), &out)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: bytes)
    }

    @inline(__always)
    static func put(_ text: String, _ out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            appendDecimal(UInt64(bytes.count), &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: bytes)
        }
    }

    static func putEmpty(_ out: inout [UInt8]) {
        out.append(UInt8(ascii: "0"))
        out.append(UInt8(ascii: ":"))
    }

    /// `TG-` and the number left-padded with zeros to at least seven digits.
    static func putCode(_ number: Int64, _ out: inout [UInt8]) {
        let digits = max(7, decimalDigits(UInt64(number)))
        appendDecimal(UInt64(3 + digits), &out)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: [UInt8(ascii: "T"), UInt8(ascii: "G"), UInt8(ascii: "-")])
        for _ in 0..<(digits - decimalDigits(UInt64(number))) { out.append(UInt8(ascii: "0")) }
        appendDecimal(UInt64(number), &out)
    }

    /// `String(value)` as a length-prefixed field.
    static func putInteger(_ value: Int64, _ out: inout [UInt8]) {
        let magnitude = value.magnitude
        let length = decimalDigits(magnitude) + (value < 0 ? 1 : 0)
        appendDecimal(UInt64(length), &out)
        out.append(UInt8(ascii: ":"))
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDecimal(magnitude, &out)
    }

    @inline(__always)
    private static func decimalDigits(_ value: UInt64) -> Int {
        var n = 1
        var v = value
        while v >= 10 { v /= 10; n += 1 }
        return n
    }

    @inline(__always)
    private static func appendDecimal(_ value: UInt64, _ out: inout [UInt8]) {
        if value < 10 { out.append(UInt8(ascii: "0") + UInt8(value)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// EventPayload.quote, byte for byte.
    private static func quote(_ text: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Only ASCII needs escaping; multi-byte UTF-8 sequences pass through unchanged.
            var clean = true
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { clean = false; break }
            if clean {
                out.append(contentsOf: bytes)
                return
            }
            for b in bytes {
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0..<0x20, 0x7F:
                    out.append(contentsOf: Array("\\u".utf8) + Array(String(b, radix: 16).leftPadded(4).utf8))
                default: out.append(b)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
