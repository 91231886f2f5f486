/// A quantity of goods: a decimal with up to three places, held as thousandths.
public struct Quantity: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let thousandths: Int64

    public init(thousandths: Int64) { self.thousandths = thousandths }
    public init(whole: Int64) { self.thousandths = whole * 1000 }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.thousandths < b.thousandths }

    /// "12", "12.5", "0.125"; refuses negatives, zero, more than 3 decimals and exponents.
    public static func parse(_ text: String) throws(QuantityError) -> Quantity {
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty { throw .empty }
        if trimmed.hasPrefix("-") || trimmed.hasPrefix("\u{2212}") { throw .notPositive }
        if let point = trimmed.firstIndex(of: "."), trimmed[trimmed.index(after: point)...].count > 3,
           trimmed.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }) {
            throw .tooManyDecimals
        }
        guard let value = MicroUnits(exponent: 3).parse(trimmed) else { throw .malformed(trimmed) }
        guard value > 0 else { throw .notPositive }
        guard value <= Quantity.maximum.thousandths else { throw .tooLarge }
        return Quantity(thousandths: value)
    }

    /// One billion units: more than any real order, small enough that qty × price cannot overflow.
    public static let maximum = Quantity(thousandths: 1_000_000_000_000)

    public var description: String { MicroUnits(exponent: 3).format(thousandths) }

    /// quantity × unit price, rounded half-up to the currency's minor unit.
    public func amount(at unitPrice: Money) throws(MoneyError) -> Money {
        let (high, low) = thousandths.multipliedFullWidth(by: unitPrice.minorUnits)
        // Half-up on a non-negative product: (p + 500) / 1000.
        guard high == 0 || (high == -1 && Int64(bitPattern: low) < 0) else { throw .overflow }
        let product = Int64(bitPattern: low)
        guard product >= 0 else { throw .overflow }
        let (rounded, overflow) = product.addingReportingOverflow(500)
        if overflow { throw .overflow }
        let minor = rounded / 1000
        guard minor <= Money.maximumMinorUnits else { throw .overflow }
        return Money(minorUnits: minor, currency: unitPrice.currency)
    }
}

public enum QuantityError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty, notPositive, tooManyDecimals, tooLarge, malformed(String)

    public var description: String {
        switch self {
        case .empty: return "Enter a quantity."
        case .notPositive: return "The quantity must be greater than zero."
        case .tooManyDecimals: return "A quantity has at most 3 decimals."
        case .tooLarge: return "The quantity is too large."
        case let .malformed(text): return "\(TextRules.quoted(text)) is not a quantity; write digits with up to 3 decimals, e.g. 12.5."
        }
    }
}
