/// An ISO 4217 currency: its code, how many minor units make a major one, and the symbol a
/// trader recognises. Only currencies listed here can be used, so a typo never becomes money.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    public let code: String
    /// Decimal places of the minor unit: 2 for USD (cents), 0 for JPY.
    public let exponent: Int
    public let symbol: String

    public var description: String { code }

    /// 10^exponent, the number of minor units in one major unit.
    public var minorPerMajor: Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    public static let usd = Currency(code: "USD", exponent: 2, symbol: "US$")
    public static let eur = Currency(code: "EUR", exponent: 2, symbol: "€")
    public static let gbp = Currency(code: "GBP", exponent: 2, symbol: "£")
    public static let cny = Currency(code: "CNY", exponent: 2, symbol: "CN¥")
    public static let jpy = Currency(code: "JPY", exponent: 0, symbol: "JP¥")
    public static let hkd = Currency(code: "HKD", exponent: 2, symbol: "HK$")

    public static let all: [Currency] = [.usd, .eur, .gbp, .cny, .jpy, .hkd]

    /// The currency for an ISO code (case-insensitive), or nil if we do not trade in it.
    public static func named(_ code: String) -> Currency? {
        let upper = code.uppercased()
        return all.first { $0.code == upper }
    }
}
