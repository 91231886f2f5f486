/// A stored row's values as one canonical string, for events that record a row outright (a
/// party as it stands after a change, a limit recompute with its inputs and terms): each value
/// `<byte count>:<tag><text>` with tag `n` null, `i` integer, `t` text — one reading only.
enum RowEncoding {
    static func encode(_ values: [Value]) -> String {
        var out = ""
        for value in values {
            let item: String
            switch value {
            case .null: item = "n"
            case let .int(n): item = "i" + String(n)
            case let .text(t): item = "t" + t
            case let .double(d): item = "d" + String(d)
            case let .blob(b): item = "b" + b.map { String($0, radix: 16) }.joined()
            }
            out += String(item.utf8.count) + ":" + item
        }
        return out
    }

    /// The values `encode` wrote (integers, text and nulls), or nil for any other text.
    static func decode(_ text: String) -> [Value]? {
        let bytes = Array(text.utf8)
        var values: [Value] = []
        var i = 0
        while i < bytes.count {
            var length = 0, digits = 0
            while i < bytes.count, (48...57).contains(bytes[i]), digits < 9 { length = length * 10 + Int(bytes[i] - 48); i += 1; digits += 1 }
            guard digits > 0, i < bytes.count, bytes[i] == UInt8(ascii: ":"), length >= 1, i + 1 + length <= bytes.count else { return nil }
            let tag = bytes[i + 1]
            let body = String(decoding: bytes[(i + 2)..<(i + 1 + length)], as: UTF8.self)
            i += 1 + length
            switch tag {
            case UInt8(ascii: "n"): values.append(.null)
            case UInt8(ascii: "i"): guard let n = Int64(body) else { return nil }; values.append(.int(n))
            case UInt8(ascii: "t"): values.append(.text(body))
            default: return nil
            }
        }
        return values
    }
}
