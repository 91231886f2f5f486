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

    private static func digits(_ money: Money, grouped: Bool) -> String {
        let magnitude = money.minorUnits.magnitude
        let perMajor = UInt64(money.currency.minorPerMajor)
        let major = String(magnitude / perMajor)
        let integer = grouped ? group(major) : major
        guard money.currency.exponent > 0 else { return integer }
        var fraction = String(magnitude % perMajor)
        while fraction.count < money.currency.exponent { fraction = "0" + fraction }
        return integer + "." + fraction
    }

    private static func group(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
