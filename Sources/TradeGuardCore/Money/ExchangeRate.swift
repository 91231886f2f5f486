/// A dated exchange rate: how many units of `currency` one US dollar buys, in integer
/// millionths (micro-units). EUR at 0.92 per USD is 920_000; JPY at 151.3 is 151_300_000.
/// The protection limit is kept in USD; orders in other currencies convert at confirmation.
public struct ExchangeRate: Hashable, Sendable {
    public let currency: Currency
    public let microUnitsPerUSD: Int64
    public let effective: CalendarDate

    public init(currency: Currency, microUnitsPerUSD: Int64, effective: CalendarDate) throws(RateError) {
        guard microUnitsPerUSD > 0 else { throw .notPositive }
        guard microUnitsPerUSD <= 1_000_000_000_000 else { throw .implausible }
        self.currency = currency
        self.microUnitsPerUSD = microUnitsPerUSD
        self.effective = effective
    }

    /// The identity rate for USD itself.
    public static func usd(on date: CalendarDate) -> ExchangeRate {
        // 1 USD = 1.000000 USD; cannot fail.
        try! ExchangeRate(currency: .usd, microUnitsPerUSD: 1_000_000, effective: date)
    }

    /// Parses a rate typed as a decimal ("0.92", "151.3"), up to six decimals.
    public static func parse(_ text: String, currency: Currency, effective: CalendarDate) throws(RateError) -> ExchangeRate {
        let micro = MicroUnits(exponent: 6)
        guard let value = micro.parse(text), value > 0 else { throw .malformed(text) }
        return try ExchangeRate(currency: currency, microUnitsPerUSD: value, effective: effective)
    }

    /// Rate as a decimal string, trailing zeros trimmed: "0.92".
    public var decimalString: String { MicroUnits(exponent: 6).format(microUnitsPerUSD) }

    /// Converts `money` (in this rate's currency) to USD, rounding down to the cent:
    /// coverage is never overstated. Exact for every amount the app accepts (128-bit maths).
    public func toUSD(_ money: Money) throws(RateError) -> Money {
        guard money.currency == currency else { throw .wrongCurrency(expected: currency.code, got: money.currency.code) }
        guard money.minorUnits >= 0 else { throw .negativeAmount }
        // usd_cents = minor × 10^(2 − exp) × 10^6 / rate  — computed as one fraction, floored.
        var numerator = UInt64(money.minorUnits)
        var denominator = UInt64(microUnitsPerUSD)
        let shift = Currency.usd.exponent - currency.exponent
        var scale: UInt64 = 1_000_000
        if shift >= 0 { for _ in 0..<shift { scale *= 10 } } else { for _ in 0..<(-shift) { denominator *= 10 } }
        let product = numerator.multipliedFullWidth(by: scale)
        guard product.high < denominator else { throw .overflow }
        let (quotient, _) = denominator.dividingFullWidth(product)
        guard quotient <= UInt64(Money.maximumMinorUnits) else { throw .overflow }
        numerator = quotient
        return Money(minorUnits: Int64(numerator), currency: .usd)
    }
}

public enum RateError: Error, Equatable, Sendable, CustomStringConvertible {
    case notPositive, implausible, malformed(String), wrongCurrency(expected: String, got: String), negativeAmount, overflow
    case missing(currency: String)
    case outsideBand(currency: String, rate: String, low: String, high: String)
    case jump(currency: String, rate: String, previous: String, effective: String, low: String, high: String)

    public var description: String {
        switch self {
        case .notPositive: return "An exchange rate must be greater than zero."
        case .implausible: return "That exchange rate is implausibly large."
        case let .malformed(text): return "\(TextRules.quoted(text)) is not a rate; write units per US dollar with up to 6 decimals, e.g. 0.92."
        case let .wrongCurrency(expected, got): return "A \(expected) rate cannot convert \(got)."
        case .negativeAmount: return "Negative amounts are not converted."
        case .overflow: return "The converted amount is too large."
        case let .missing(code): return "No exchange rate for \(code) is set; the platform must set one (tradeguard rate set \(code) RATE)."
        case let .outsideBand(code, rate, low, high):
            return "A \(code) rate of \(rate) per US$1 is outside the plausible band of \(low) to \(high) per US$1; nothing was changed."
        case let .jump(code, rate, previous, effective, low, high):
            return "A \(code) rate of \(rate) per US$1 is more than \(ExchangeRate.plausibleFactor) times away from the rate in force, "
                + "\(previous) (effective \(effective)): it must be from \(low) to \(high); nothing was changed."
        }
    }
}

/// Fixed-point decimals held as integers: `exponent` 3 for quantities, 6 for rates.
struct MicroUnits {
    let exponent: Int

    /// Strict: digits, at most one point, at most `exponent` decimals. Nil when malformed or too large.
    func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces()
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let integer = parts.first, !integer.isEmpty else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        if parts.count == 2 && fraction.isEmpty { return nil }
        guard fraction.count <= exponent,
              (integer + fraction).unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        var value: Int64 = 0
        for scalar in (integer + fraction + String(repeating: "0", count: exponent - fraction.count)).unicodeScalars {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times.addingReportingOverflow(Int64(scalar.value - 48))
            if o1 || o2 { return nil }
            value = next
        }
        return value
    }

    func format(_ value: Int64) -> String {
        var scale: Int64 = 1
        for _ in 0..<exponent { scale *= 10 }
        let integer = value / scale
        var fraction = String(value % scale)
        while fraction.count < exponent { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(integer) : "\(integer).\(fraction)"
    }
}
