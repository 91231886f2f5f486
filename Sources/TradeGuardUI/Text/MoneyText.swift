import TradeGuardCore

/// Amounts shortened for a narrow column, in whole integer arithmetic (money never passes
/// through floating point, even for show): "≈US$1.25bn", "≈€42.7k". The "≈" says it is rounded.
enum MoneyText {
    static func compact(_ money: Money) -> String {
        let full = money.description
        // The currency's sign is what precedes the digits ("US$", "€", "CN¥"; "-" kept).
        let sign = String(full.prefix { !$0.isNumber })
        let whole = abs(money.minorUnits) / money.currency.minorPerMajor
        let units: [(Int64, String)] = [(1_000_000_000_000, "tn"), (1_000_000_000, "bn"), (1_000_000, "m"), (1_000, "k")]
        guard let (size, name) = units.first(where: { whole >= $0.0 }) else { return full }
        // Hundredths of the unit, rounded half up.
        let hundredths = (whole * 1_000 / size + 5) / 10
        let cents = hundredths % 100
        let text = "\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)"
        return "≈" + sign + text + name
    }
}
