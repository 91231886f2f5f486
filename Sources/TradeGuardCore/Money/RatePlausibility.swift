/// Whether a new rate can be true. A rate that parses may still be a slip (0.000001 for 0.92):
/// converted at confirmation it would make a €1 order worth a whole limit in USD. Checked by
/// the store when a rate is set, so every front end refuses it the same way.
extension ExchangeRate {
    /// 0.01 to 1,000,000 units per US dollar, in micro-units. The strongest currency in use
    /// (the Kuwaiti dinar, about 0.31 per dollar) sits 30× above the floor; the weakest (the
    /// Iranian rial on the open market, under 1,000,000 per dollar) just below the ceiling.
    /// Outside that no currency has traded, so a rate there is a typing slip.
    public static let plausibleMicroUnits: ClosedRange<Int64> = 10_000...1_000_000_000_000

    /// How far one setting may move a currency from the rate in force: a 1000× jump is a
    /// slipped decimal point (or three), not a market; a real redenomination is set in steps.
    public static let plausibleFactor: Int64 = 1_000

    /// Refuses a rate outside the absolute band or more than `plausibleFactor` times away
    /// from `previous` (the rate in force for its currency on its date), naming the band.
    public func checkPlausible(after previous: ExchangeRate?) throws(RateError) {
        let band = Self.plausibleMicroUnits
        guard band.contains(microUnitsPerUSD) else {
            throw .outsideBand(currency: currency.code, rate: decimalString,
                               low: MicroUnits(exponent: 6).format(band.lowerBound), high: MicroUnits(exponent: 6).format(band.upperBound))
        }
        guard let previous, previous.currency == currency else { return }
        // ExchangeRate caps a rate at 10^12 micro-units, so × 1000 stays far below Int64's limit.
        let low = max(1, previous.microUnitsPerUSD / Self.plausibleFactor)
        let high = previous.microUnitsPerUSD * Self.plausibleFactor
        guard microUnitsPerUSD < low || microUnitsPerUSD > high else { return }
        throw .jump(currency: currency.code, rate: decimalString, previous: previous.decimalString, effective: previous.effective.iso,
                    low: MicroUnits(exponent: 6).format(low), high: MicroUnits(exponent: 6).format(high))
    }
}
