/// How money is written: for people (`US$1,234.50`, `JP¥1,200`) and for machines ("1234.50",
/// the decimal string used in JSON and the CLI).
public enum MoneyFormat {
    /// Symbol, thousands separators, and exactly the currency's decimals.
    public static func display(_ money: Money) -> String {
        let sign = money.minorUnits < 0 ? "-" : ""
        return sign + money.currency.symbol + digits(money, grouped: true)
    }

    /// Plain decimal string without symbol or separators: "1234.50", "1200" for JPY.
    public static func decimal(_ money: Money) -> String {
        (money.minorUnits < 0 ? "-" : "") + digits(money, grouped: false)
    }

    /// Built right to left in a small fixed buffer, with no intermediate strings: a queue
    /// formats dozens of amounts for every page it shows.
    private static func digits(_ money: Money, grouped: Bool) -> String {
        let exponent = money.currency.exponent
        let perMajor = UInt64(money.currency.minorPerMajor)
        let magnitude = money.minorUnits.magnitude
        var major = magnitude / perMajor
        var fraction = magnitude % perMajor
        // 20 digits, 6 separators, a point and the decimals fit in 48 bytes.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var at = buffer.count
            if exponent > 0 {
                for _ in 0..<exponent {
                    at -= 1; buffer[at] = UInt8(ascii: "0") + UInt8(fraction % 10); fraction /= 10
                }
                at -= 1; buffer[at] = UInt8(ascii: ".")
            }
            var count = 0
            repeat {
                if grouped && count > 0 && count % 3 == 0 { at -= 1; buffer[at] = UInt8(ascii: ",") }
                at -= 1; buffer[at] = UInt8(ascii: "0") + UInt8(major % 10); major /= 10
                count += 1
            } while major > 0
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[at...]), as: UTF8.self)
        }
    }
}
