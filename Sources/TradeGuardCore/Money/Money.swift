/// An amount of money: integer minor units in one currency. Never floating point.
/// Arithmetic is checked — overflow and mixing currencies are errors, never traps or guesses.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    public var isZero: Bool { minorUnits == 0 }
    public var isPositive: Bool { minorUnits > 0 }
    public var isNegative: Bool { minorUnits < 0 }

    public var description: String { MoneyFormat.display(self) }

    public func adding(_ other: Money) throws(MoneyError) -> Money {
        try requireSameCurrency(other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        if overflow { throw .overflow }
        return Money(minorUnits: sum, currency: currency)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        try requireSameCurrency(other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        if overflow { throw .overflow }
        return Money(minorUnits: difference, currency: currency)
    }

    /// The smaller of two amounts of the same currency.
    public func minimum(_ other: Money) throws(MoneyError) -> Money {
        try requireSameCurrency(other)
        return minorUnits <= other.minorUnits ? self : other
    }

    public func isLess(than other: Money) throws(MoneyError) -> Bool {
        try requireSameCurrency(other)
        return minorUnits < other.minorUnits
    }

    /// Sum of amounts that must all be in `currency`.
    public static func sum(_ amounts: [Money], currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    private func requireSameCurrency(_ other: Money) throws(MoneyError) {
        if other.currency != currency { throw .currencyMismatch(currency, other.currency) }
    }
}

public enum MoneyError: Error, Equatable, Sendable, CustomStringConvertible {
    case overflow
    case currencyMismatch(Currency, Currency)

    public var description: String {
        switch self {
        case .overflow: return "The amount is too large to record."
        case let .currencyMismatch(a, b): return "Amounts in \(a.code) and \(b.code) cannot be combined without an exchange rate."
        }
    }
}
