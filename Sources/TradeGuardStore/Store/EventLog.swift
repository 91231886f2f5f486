import TradeGuardCore

/// The audit trail: append-only events in one global hash chain,
/// `hash = SHA-256(previous hash ‖ canonical event bytes)`, the first link over 32 zero bytes.
/// Appending reads the chain head, so it must run inside the write transaction.
struct EventLog {
    static let genesis = [UInt8](repeating: 0, count: 32)

    let db: Database

    /// Appends `event` and returns its row id.
    @discardableResult
    func append(_ event: AuditEvent, orderID: Int64?) throws -> Int64 {
        try appendLinked(event, orderID: orderID).id
    }

    /// Appends `event`; returns its row id and chain hash (the head to anchor after commit).
    func appendLinked(_ event: AuditEvent, orderID: Int64?) throws -> (id: Int64, hash: [UInt8]) {
        let previous = try head() ?? Self.genesis
        let hash = Self.link(previous: previous, event: event)
        let statement = try db.cachedStatement("""
            INSERT INTO events (at, actor, action, order_id, from_state, to_state, payload, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.bind([.int(event.at.secondsSinceEpoch), .text(event.actor), .text(event.action), Value(orderID),
                            Value(event.fromState?.rawValue), Value(event.toState?.rawValue),
                            .text(EventPayload.encode(event.payload)), .blob(hash)])
        _ = try statement.step()
        statement.reset()
        return (db.lastInsertRowID, hash)
    }

    /// The hash of the newest event (nil for an empty log).
    func head() throws -> [UInt8]? {
        let statement = try db.cachedStatement("SELECT hash FROM events ORDER BY id DESC LIMIT 1")
        defer { statement.reset() }
        return try statement.step() ? statement.blob(0) : nil
    }

    static func link(previous: [UInt8], event: AuditEvent) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(previous)
        hasher.update(event.canonicalBytes)
        return hasher.finalize()
    }
}

/// Event payloads are stored as a JSON object of strings with sorted keys: readable in the
/// `sqlite3` shell, and decoded back exactly so `check` can re-hash every event.
enum EventPayload {
    static func encode(_ fields: [AuditEvent.Field]) -> String {
        "{" + fields.map { "\(quote($0.key)):\(quote($0.value))" }.joined(separator: ",") + "}"
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Decodes what `encode` wrote; nil if the text is not such an object (tampering, or another program).
    static func decode(_ text: String) -> [AuditEvent.Field]? {
        var text = text
        return text.withUTF8 { decode(bytes: $0) }
    }

    /// On the UTF-8 bytes: an order's detail decodes a payload per event, and `check` every
    /// payload in the database. A string without escapes (nearly all) is one slice.
    private static func decode(bytes b: UnsafeBufferPointer<UInt8>) -> [AuditEvent.Field]? {
        var i = 0
        func take(_ expected: UInt8) -> Bool {
            guard i < b.count, b[i] == expected else { return false }
            i += 1
            return true
        }
        func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\") { i += 1 }
            if i < b.count, b[i] == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: UnsafeBufferPointer(rebasing: b[start ..< i - 1]), as: UTF8.self)
            }
            var out = Array(b[start ..< i])
            while i < b.count {
                let byte = b[i]
                i += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard i < b.count else { return nil }
                    let escaped = b[i]
                    i += 1
                    switch escaped {
                    case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                    case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard i + 4 <= b.count else { return nil }
                        let hex = String(decoding: UnsafeBufferPointer(rebasing: b[i ..< i + 4]), as: UTF8.self)
                        i += 4
                        guard hex.unicodeScalars.count == 4, let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else { return nil }
                        out.append(contentsOf: String(decoded).utf8)
                    default: return nil
                    }
                default: out.append(byte)
                }
            }
            return nil
        }
        guard take(UInt8(ascii: "{")) else { return nil }
        var fields: [AuditEvent.Field] = []
        if take(UInt8(ascii: "}")) { return i == b.count ? fields : nil }
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")), let value = string() else { return nil }
            fields.append(.init(key, value))
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), i == b.count else { return nil }
        return fields
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }
}
