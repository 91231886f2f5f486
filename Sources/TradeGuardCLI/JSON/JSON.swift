import TradeGuardCore

/// A JSON value. Numbers keep their exact text: nothing read or written here passes through
/// floating point, so an amount can never be rounded on its way in or out. (Money is written
/// as decimal strings anyway; numbers are only used for counts, versions and days.)
enum JSON: Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. "20" or "1.5e3".
    case number(String)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    static func int<T: BinaryInteger>(_ value: T) -> JSON { .number(String(value)) }
    static func money(_ money: Money) -> JSON { .string(MoneyFormat.decimal(money)) }
    static func money(_ money: Money?) -> JSON { money.map { .string(MoneyFormat.decimal($0)) } ?? .null }
    static func instant(_ instant: Instant?) -> JSON { instant.map { .string($0.iso8601) } ?? .null }
    static func date(_ date: CalendarDate?) -> JSON { date.map { .string($0.iso) } ?? .null }
    static func string(_ text: String?) -> JSON { text.map { .string($0) } ?? .null }

    /// What kind of value this is, for error messages: "a JSON number", "an array" …
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "true or false"
        case .number: return "a JSON number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

// MARK: Writing

extension JSON {
    /// Compact (one line) or pretty (two-space indent) text with object keys sorted, so the
    /// same value always gives the same bytes.
    func encoded(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, depth: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, depth: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .number(text): out += text
        case let .string(text): JSON.quote(text, into: &out)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: depth + 1) }
                item.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: depth) }
            out += "]"
        case let .object(fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{"
            // Our keys are ASCII, so Swift's string order is byte order: stable everywhere.
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: depth + 1) }
                JSON.quote(key, into: &out)
                out += pretty ? ": " : ":"
                fields[key]!.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: depth) }
            out += "}"
        }
    }

    /// Escapes quotes, backslashes, every control character and every character TextRules
    /// forbids (bidi overrides, zero-width …) as \uXXXX: printed JSON cannot drive a terminal.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if TextRules.isForbidden(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

// MARK: Reading

/// Why a text is not JSON, with the line and column where reading stopped.
struct JSONSyntaxError: Error, CustomStringConvertible {
    let line: Int
    let column: Int
    let reason: String
    var description: String { "line \(line), column \(column): \(reason)" }
}

/// A strict RFC 8259 reader: no comments, no trailing commas, no duplicate keys, no raw control
/// characters in strings, no lone surrogates, UTF-8 only, nesting at most 64 deep.
struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private static let maxDepth = 64

    static func parse(_ data: [UInt8]) throws(JSONSyntaxError) -> JSON {
        var parser = JSONParser(bytes: data)
        return try parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func document() throws(JSONSyntaxError) -> JSON {
        // Decoding replaces invalid sequences with U+FFFD, so a round trip that changes the
        // bytes means they were not UTF-8.
        guard Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes else {
            throw JSONSyntaxError(line: 1, column: 1, reason: "the text is not valid UTF-8")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }   // tolerate a byte-order mark
        skipWhitespace()
        if index == bytes.count { throw fail("the text is empty; expected a JSON object") }
        let value = try self.value(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected text after the end of the JSON value") }
        return value
    }

    private func fail(_ reason: String) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return JSONSyntaxError(line: line, column: column, reason: reason)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func expect(_ literal: String) throws(JSONSyntaxError) {
        for byte in literal.utf8 {
            guard current == byte else { throw fail("expected '\(literal)'") }
            index += 1
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSON {
        guard depth < Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) levels deep") }
        guard let byte = current else { throw fail("unexpected end of text; expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default:
            throw fail("unexpected character \(TextRules.quoted(String(Character(Unicode.Scalar(byte))))); expected a value")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSON {
        index += 1
        var fields: [String: JSON] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return .object(fields) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
            let keyStart = index
            let key = try string()
            if fields[key] != nil {
                index = keyStart
                throw fail("the key \(TextRules.quoted(key)) appears twice in one object")
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw fail("expected ':' after the key \(TextRules.quoted(key))") }
            index += 1
            skipWhitespace()
            fields[key] = try value(depth: depth + 1)
            skipWhitespace()
            if current == UInt8(ascii: ",") { index += 1; continue }
            if current == UInt8(ascii: "}") { index += 1; return .object(fields) }
            throw fail("expected ',' or '}' in an object")
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSON {
        index += 1
        var items: [JSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            if current == UInt8(ascii: ",") { index += 1; continue }
            if current == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw fail("expected ',' or ']' in an array")
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = index
        func digits(_ parser: inout JSONParser) -> Int {
            var count = 0
            while let byte = parser.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { parser.index += 1; count += 1 }
            return count
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
            if let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { throw fail("numbers may not have leading zeros") }
        } else if digits(&self) == 0 {
            throw fail("expected digits in a number")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw fail("expected digits after the decimal point") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw fail("expected digits in the exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw fail("a string is not closed") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escape = current else { throw fail("a string is not closed") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var value = try hex4()
                    if (0xD800...0xDBFF).contains(value) {
                        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("a \\u escape holds half of a surrogate pair")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("a \\u escape holds half of a surrogate pair") }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(value) {
                        throw fail("a \\u escape holds half of a surrogate pair")
                    }
                    guard let scalar = Unicode.Scalar(value) else { throw fail("a \\u escape is not a character") }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    index -= 1
                    throw fail("unknown escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
                }
            default:
                if byte < 0x20 { throw fail("a raw control character in a string (write it as \\u\(JSON.hex4(UInt32(byte))))") }
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
              bytes[index..<index + 4].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) })
        else { throw fail("\\u must be followed by four hex digits") }
        index += 4
        return value
    }
}
