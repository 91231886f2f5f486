/// An order's public code: `TG-` and at least seven digits, e.g. `TG-0000042`.
public struct OrderCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let number: Int64

    public init(number: Int64) {
        precondition(number > 0, "order numbers start at 1")
        self.number = number
    }

    /// Parses `TG-0000042` (case-insensitive prefix; at least seven digits).
    public init?(_ text: String) {
        let upper = text.uppercased()
        guard upper.hasPrefix("TG-") else { return nil }
        let digits = upper.dropFirst(3)
        guard digits.count >= 7, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int64(digits), number > 0 else { return nil }
        self.number = number
    }

    public var text: String { "TG-" + String(number).leftPadded(7) }
    public var description: String { text }
    public static func < (a: OrderCode, b: OrderCode) -> Bool { a.number < b.number }
}
