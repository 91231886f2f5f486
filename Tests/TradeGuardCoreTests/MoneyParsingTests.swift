import Testing
@testable import TradeGuardCore

/// Every row reviewed by hand: the input a person might type and exactly what must happen.
struct MoneyParsingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let currency: Currency
        let expected: Result<Int64, AmountError>
        var testDescription: String { "\(text.debugDescription) \(currency.code)" }
    }

    static let cases: [Case] = [
        // Accepted
        .init(text: "1234.5", currency: .usd, expected: .success(123_450)),
        .init(text: "1,234.50", currency: .usd, expected: .success(123_450)),
        .init(text: "1234", currency: .usd, expected: .success(123_400)),
        .init(text: "0.01", currency: .usd, expected: .success(1)),
        .init(text: " 88 ", currency: .cny, expected: .success(8_800)),
        .init(text: "1,200", currency: .jpy, expected: .success(1_200)),
        .init(text: "1,000,000.00", currency: .eur, expected: .success(100_000_000)),
        .init(text: "007.10", currency: .gbp, expected: .success(710)),
        .init(text: "10000000000000.00", currency: .usd, expected: .success(1_000_000_000_000_000)),
        // Refused, each with its own reason
        .init(text: "", currency: .usd, expected: .failure(.empty)),
        .init(text: "   ", currency: .usd, expected: .failure(.empty)),
        .init(text: "-5", currency: .usd, expected: .failure(.negative)),
        .init(text: "\u{2212}5", currency: .usd, expected: .failure(.unicodeMinus)),
        .init(text: "0", currency: .usd, expected: .failure(.zero)),
        .init(text: "0.00", currency: .usd, expected: .failure(.zero)),
        .init(text: "5.001", currency: .usd, expected: .failure(.tooManyDecimals(allowed: 2, currency: "USD"))),
        .init(text: "5.1", currency: .jpy, expected: .failure(.tooManyDecimals(allowed: 0, currency: "JPY"))),
        .init(text: "1e3", currency: .usd, expected: .failure(.exponent)),
        .init(text: "1E3", currency: .usd, expected: .failure(.exponent)),
        .init(text: "NaN", currency: .usd, expected: .failure(.notANumber)),
        .init(text: "Infinity", currency: .usd, expected: .failure(.notANumber)),
        .init(text: "inf", currency: .usd, expected: .failure(.notANumber)),
        .init(text: "0x10", currency: .usd, expected: .failure(.invalidCharacter("x"))),
        .init(text: "abc", currency: .usd, expected: .failure(.invalidCharacter("a"))),
        .init(text: "12$", currency: .usd, expected: .failure(.invalidCharacter("$"))),
        .init(text: "+5", currency: .usd, expected: .failure(.invalidCharacter("+"))),
        .init(text: "\u{0663}", currency: .usd, expected: .failure(.invalidCharacter("\u{0663}"))),
        .init(text: "1.000,00", currency: .eur, expected: .failure(.malformed("a thousands separator after the decimal point"))),
        .init(text: "1,23", currency: .usd, expected: .failure(.malformed("thousands separators must group three digits, as in 1,234.50"))),
        .init(text: ",123", currency: .usd, expected: .failure(.malformed("thousands separators must group three digits, as in 1,234.50"))),
        .init(text: "1.2.3", currency: .usd, expected: .failure(.malformed("more than one decimal point"))),
        .init(text: ".5", currency: .usd, expected: .failure(.malformed("no digits before the decimal point"))),
        .init(text: "5.", currency: .usd, expected: .failure(.malformed("no digits after the decimal point"))),
        .init(text: "10000000000000.01", currency: .usd, expected: .failure(.overflow)),
        .init(text: "9223372036854775808", currency: .jpy, expected: .failure(.overflow)),
        .init(text: "99999999999999999999999", currency: .usd, expected: .failure(.overflow)),
        .init(text: "1 000", currency: .usd, expected: .failure(.invalidCharacter(" "))),
        // A minus sign after the first digit is a malformed amount, not a negative one (issue 19).
        .init(text: "2700.00-5", currency: .usd, expected: .failure(.malformed("a minus sign inside the number"))),
        .init(text: "5-", currency: .usd, expected: .failure(.malformed("a minus sign inside the number"))),
        .init(text: "5\u{2212}", currency: .usd, expected: .failure(.malformed("a minus sign inside the number"))),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) {
        let result = Result { () throws(AmountError) -> Int64 in try AmountParser.parse(c.text, currency: c.currency).minorUnits }
        switch (result, c.expected) {
        case let (.success(got), .success(want)): #expect(got == want)
        case let (.failure(got), .failure(want)): #expect(got == want)
        default: Issue.record("\(c.text.debugDescription): got \(result), want \(c.expected)")
        }
    }

    @Test func zeroAllowedWhereAsked() throws {
        #expect(try AmountParser.parse("0", currency: .usd, allowZero: true).minorUnits == 0)
    }

    @Test func messagesNameTheRule() {
        #expect(AmountError.tooManyDecimals(allowed: 2, currency: "USD").description == "USD amounts have at most 2 decimals.")
        #expect(AmountError.tooManyDecimals(allowed: 0, currency: "JPY").description == "JPY amounts have no decimals.")
        #expect(AmountError.invalidCharacter("x").description.contains("'x'"))
    }
}

struct MoneyFormatTests {
    @Test func display() {
        #expect(Money(minorUnits: 123_450, currency: .usd).description == "US$1,234.50")
        #expect(Money(minorUnits: 1_200, currency: .jpy).description == "JP¥1,200")
        #expect(Money(minorUnits: 8_800, currency: .cny).description == "CN¥88.00")
        #expect(Money(minorUnits: 5, currency: .eur).description == "€0.05")
        #expect(Money(minorUnits: 100_000_000_00, currency: .usd).description == "US$100,000,000.00")
        #expect(Money(minorUnits: -250, currency: .gbp).description == "-£2.50")
        #expect(Money(minorUnits: 99, currency: .hkd).description == "HK$0.99")
    }

    @Test func decimalRoundTrips() throws {
        for minor: Int64 in [1, 9, 10, 99, 100, 123_456, 1_000_000_000_000_000] {
            for currency in Currency.all {
                let money = Money(minorUnits: minor, currency: currency)
                #expect(try AmountParser.parse(MoneyFormat.decimal(money), currency: currency) == money)
                #expect(try AmountParser.parse(MoneyFormat.display(money).replacingSymbol(currency), currency: currency) == money)
            }
        }
    }
}

extension String {
    func replacingSymbol(_ currency: Currency) -> String {
        String(dropFirst(currency.symbol.count))
    }
}

struct MoneyArithmeticTests {
    @Test func overflowIsAnErrorNotATrap() {
        let big = Money(minorUnits: .max - 1, currency: .usd)
        #expect(throws: MoneyError.overflow) { try big.adding(Money(minorUnits: 2, currency: .usd)) }
        #expect(throws: MoneyError.overflow) { try Money(minorUnits: .min + 1, currency: .usd).subtracting(Money(minorUnits: 2, currency: .usd)) }
    }

    @Test func currenciesNeverMix() {
        #expect(throws: MoneyError.currencyMismatch(.usd, .eur)) {
            try Money(minorUnits: 1, currency: .usd).adding(Money(minorUnits: 1, currency: .eur))
        }
    }

    @Test func quantityTimesPriceRoundsHalfUp() throws {
        // 2.5 × US$0.01 = 0.025 → 0.03 (half up); 1.333 × US$3.00 = 3.999 → 4.00; 0.001 × US$0.04 → 0.00004 → 0.00
        #expect(try Quantity.parse("2.5").amount(at: Money(minorUnits: 1, currency: .usd)).minorUnits == 3)
        #expect(try Quantity.parse("1.333").amount(at: Money(minorUnits: 300, currency: .usd)).minorUnits == 400)
        #expect(try Quantity.parse("0.001").amount(at: Money(minorUnits: 4, currency: .usd)).minorUnits == 0)
        #expect(try Quantity.parse("0.001").amount(at: Money(minorUnits: 500, currency: .usd)).minorUnits == 1)
        #expect(try Quantity.parse("3").amount(at: Money(minorUnits: 1_200, currency: .jpy)).minorUnits == 3_600)
        #expect(throws: MoneyError.overflow) {
            try Quantity.maximum.amount(at: Money(minorUnits: Money.maximumMinorUnits, currency: .usd))
        }
    }

    @Test func quantityParsing() throws {
        #expect(try Quantity.parse("12.5").thousandths == 12_500)
        #expect(try Quantity.parse("0.125").description == "0.125")
        #expect(try Quantity.parse("12.500").description == "12.5")
        #expect(throws: QuantityError.tooManyDecimals) { try Quantity.parse("1.0001") }
        #expect(throws: QuantityError.notPositive) { try Quantity.parse("-1") }
        #expect(throws: QuantityError.notPositive) { try Quantity.parse("0") }
        #expect(throws: QuantityError.empty) { try Quantity.parse("") }
        #expect(throws: QuantityError.malformed("1e3")) { try Quantity.parse("1e3") }
        #expect(throws: QuantityError.tooLarge) { try Quantity.parse("1000000001") }
    }
}

struct ExchangeRateTests {
    let day = try! CalendarDate(year: 2026, month: 11, day: 27)

    @Test func convertsToUSDRoundingDown() throws {
        let eur = try ExchangeRate.parse("0.92", currency: .eur, effective: day)
        #expect(eur.microUnitsPerUSD == 920_000)
        // €920.00 → exactly US$1,000.00; €1.00 → 1.0869… → US$1.08 (down, never up)
        #expect(try eur.toUSD(Money(minorUnits: 92_000, currency: .eur)).minorUnits == 100_000)
        #expect(try eur.toUSD(Money(minorUnits: 100, currency: .eur)).minorUnits == 108)
        let jpy = try ExchangeRate.parse("151.3", currency: .jpy, effective: day)
        // JP¥151,300 → US$1,000.00 exactly; JP¥1 → 0.0066 → US$0.00
        #expect(try jpy.toUSD(Money(minorUnits: 151_300, currency: .jpy)).minorUnits == 100_000)
        #expect(try jpy.toUSD(Money(minorUnits: 1, currency: .jpy)).minorUnits == 0)
        let cny = try ExchangeRate.parse("7.1", currency: .cny, effective: day)
        // The largest accepted amount converts without overflow: 10^15 fen / 7.1 = 1.408…×10^14 cents
        #expect(try cny.toUSD(Money(minorUnits: Money.maximumMinorUnits, currency: .cny)).minorUnits == 140_845_070_422_535)
    }

    @Test func refusesBadRates() {
        #expect(throws: RateError.malformed("-1")) { try ExchangeRate.parse("-1", currency: .eur, effective: day) }
        #expect(throws: RateError.malformed("0")) { try ExchangeRate.parse("0", currency: .eur, effective: day) }
        #expect(throws: RateError.malformed("0.1234567")) { try ExchangeRate.parse("0.1234567", currency: .eur, effective: day) }
        #expect(throws: RateError.wrongCurrency(expected: "EUR", got: "USD")) {
            try ExchangeRate.parse("0.9", currency: .eur, effective: day).toUSD(Money(minorUnits: 1, currency: .usd))
        }
    }
}
