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
        return db.lastInsertRowID
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
        var scalars = Array(text.unicodeScalars)[...]
        func take(_ expected: Unicode.Scalar) -> Bool {
            guard scalars.first == expected else { return false }
            scalars = scalars.dropFirst()
            return true
        }
        func string() -> String? {
            guard take("\"") else { return nil }
            var out = String.UnicodeScalarView()
            while let scalar = scalars.first {
                scalars = scalars.dropFirst()
                switch scalar {
                case "\"": return String(out)
                case "\\":
                    guard let escaped = scalars.first else { return nil }
                    scalars = scalars.dropFirst()
                    switch escaped {
                    case "\"": out.append("\"")
                    case "\\": out.append("\\")
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "u":
                        let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
                        scalars = scalars.dropFirst(4)
                        guard hex.count == 4, let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else { return nil }
                        out.append(decoded)
                    default: return nil
                    }
                default: out.append(scalar)
                }
            }
            return nil
        }
        guard take("{") else { return nil }
        var fields: [AuditEvent.Field] = []
        if take("}") { return scalars.isEmpty ? fields : nil }
        repeat {
            guard let key = string(), take(":"), let value = string() else { return nil }
            fields.append(.init(key, value))
        } while take(",")
        guard take("}"), scalars.isEmpty else { return nil }
        return fields
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }
}
