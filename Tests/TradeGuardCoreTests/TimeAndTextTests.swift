import Testing
@testable import TradeGuardCore

struct CalendarDateTests {
    @Test func parsesStrictISO() throws {
        #expect(try CalendarDate.parse("2026-11-27") == CalendarDate(year: 2026, month: 11, day: 27))
        #expect(try CalendarDate.parse("2028-02-29").day == 29)
        #expect(throws: DateError.impossible("February 2026 has 28 days")) { try CalendarDate.parse("2026-02-29") }
        #expect(throws: DateError.impossible("February 2026 has 28 days")) { try CalendarDate.parse("2026-02-30") }
        #expect(throws: DateError.impossible("month 13 does not exist")) { try CalendarDate.parse("2026-13-01") }
        #expect(throws: DateError.outOfRange) { try CalendarDate.parse("0000-01-01") }
        #expect(throws: DateError.malformed("tomorrow")) { try CalendarDate.parse("tomorrow") }
        #expect(throws: DateError.malformed("2026-1-5")) { try CalendarDate.parse("2026-1-5") }
        #expect(throws: DateError.malformed("27.11.2026")) { try CalendarDate.parse("27.11.2026") }
        #expect(try CalendarDate.parse("9999-12-31").iso == "9999-12-31")
    }

    @Test func daysSinceEpochRoundTripsEveryDayOfFourCenturies() {
        // 1900-01-01 … 2300-01-01 covers both kinds of century year.
        let start = try! CalendarDate(year: 1900, month: 1, day: 1).daysSinceEpoch
        var previous: CalendarDate?
        for days in start..<(start + 146_097) {
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            if let previous { #expect(previous < date) }
            previous = date
        }
        #expect(CalendarDate(daysSinceEpoch: 0).iso == "1970-01-01")
        #expect(CalendarDate(daysSinceEpoch: 20_419).iso == "2025-11-27")
    }

    @Test func wholeYearsCountAnniversaries() throws {
        let since = try CalendarDate.parse("2020-06-15")
        #expect(since.wholeYears(until: try CalendarDate.parse("2026-06-14")) == 5)
        #expect(since.wholeYears(until: try CalendarDate.parse("2026-06-15")) == 6)
        #expect(since.wholeYears(until: try CalendarDate.parse("2019-01-01")) == 0)
    }

    @Test func instantsFormatAndParse() throws {
        let instant = try #require(Instant.parse("2026-11-27T09:30:05Z"))
        #expect(instant.iso8601 == "2026-11-27T09:30:05Z")
        #expect(instant.utcDate.iso == "2026-11-27")
        #expect(Instant.parse("2026-11-27T24:00:00Z") == nil)
        #expect(Instant.parse("2026-11-27") == (try CalendarDate.parse("2026-11-27")).startUTC)
        #expect(Instant(secondsSinceEpoch: -1).utcDate.iso == "1969-12-31")
    }

    @Test func clockSteps() throws {
        #expect(try ClockStep.parse("7d").seconds == 7 * 86_400)
        #expect(try ClockStep.parse("2d12h").seconds == 2 * 86_400 + 12 * 3_600)
        #expect(try ClockStep.parse("30m").seconds == 1_800)
        #expect(throws: ClockStepError.malformed("7")) { try ClockStep.parse("7") }
        #expect(throws: ClockStepError.malformed("d")) { try ClockStep.parse("d") }
        #expect(throws: ClockStepError.malformed("-7d")) { try ClockStep.parse("-7d") }
        #expect(throws: ClockStepError.notPositive) { try ClockStep.parse("0d") }
        #expect(throws: ClockStepError.tooLarge) { try ClockStep.parse("4000d") }
    }

    @Test func manualClockMovesOnlyWhenTold() throws {
        let clock = ManualTimeSource(Instant(secondsSinceEpoch: 1_000))
        #expect(clock.now().secondsSinceEpoch == 1_000)
        clock.advance(try ClockStep.parse("1d"))
        #expect(clock.now().secondsSinceEpoch == 1_000 + 86_400)
    }
}

struct TextRulesTests {
    @Test(arguments: [
        ("\u{1B}[2J", 0x1B), ("\u{1B}]52;c;aGk=\u{07}", 0x1B), ("a\u{0}b", 0x0), ("x\u{9B}31m", 0x9B),
        ("evil\u{202E}txt", 0x202E), ("zero\u{200B}width", 0x200B), ("tab\there", 0x09), ("cr\rhere", 0x0D),
        ("bom\u{FEFF}", 0xFEFF), ("iso\u{2066}late", 0x2066), ("del\u{7F}", 0x7F),
    ] as [(String, UInt32)])
    func refusesInvisibleAndControlCharacters(_ text: String, _ scalar: UInt32) {
        #expect(throws: TextError.forbiddenCharacter(field: "name", scalar: scalar)) {
            try TextRules.validate(text, field: "name", maxLength: 100)
        }
    }

    @Test func acceptsRealNamesInAnyScript() throws {
        for name in ["Müller Küchen GmbH", "深圳市华强电子有限公司", "株式会社タナカ", "Yılmaz Tekstil A.Ş.", "O'Brien & Sons; DROP TABLE orders;--", "🎉 Party Co"] {
            #expect(try TextRules.validate(name, field: "name", maxLength: 100) == name)
        }
    }

    @Test func refusesEmptyLongAndCombiningFloods() throws {
        #expect(throws: TextError.empty(field: "reason")) { try TextRules.validate("   ", field: "reason", maxLength: 10) }
        #expect(throws: TextError.tooLong(field: "note", max: 5)) { try TextRules.validate("abcdef", field: "note", maxLength: 5) }
        #expect(throws: TextError.tooLong(field: "note", max: 2000)) {
            try TextRules.validate(String(repeating: "x", count: 1_000_000), field: "note", maxLength: 2000)
        }
        #expect(throws: TextError.tooManyCombiningMarks(field: "name")) {
            try TextRules.validate("e" + String(repeating: "\u{0301}", count: 1_000), field: "name", maxLength: 100)
        }
        #expect(try TextRules.validate("", field: "remarks", maxLength: 10, required: false) == "")
        #expect(try TextRules.validate("a\nb", field: "remarks", maxLength: 10, allowNewlines: true) == "a\nb")
        #expect(TextError.forbiddenCharacter(field: "name", scalar: 0x1B).description == "Name contains an invisible or control character (U+001B).")
    }
}

struct IdentityTests {
    @Test func handles() throws {
        #expect(try Handle("acme-tools").value == "acme-tools")
        for bad in ["A", "a", "Acme", "1acme", "acme tools", "acme_tools", String(repeating: "a", count: 33), "ä-co"] {
            #expect(throws: PartyError.handle(bad)) { try Handle(bad) }
        }
    }

    @Test func orderCodes() {
        #expect(OrderCode(number: 42).text == "TG-0000042")
        #expect(OrderCode(number: 123_456_789).text == "TG-123456789")
        #expect(OrderCode("tg-0000042")?.number == 42)
        #expect(OrderCode("TG-42") == nil)
        #expect(OrderCode("TG-00000x2") == nil)
        #expect(OrderCode("TG-0000000") == nil)
    }

    @Test func paymentTokensAre128BitBase32() {
        var rng = SeededGenerator(seed: 7)
        let a = PaymentLinkToken(using: &rng)
        let b = PaymentLinkToken(using: &rng)
        #expect(a.text.count == 26)
        #expect(a != b)
        #expect(PaymentLinkToken(a.text) == a)
        #expect(PaymentLinkToken("abc") == nil)
        #expect(a.matches(a.text))
        #expect(!a.matches(b.text))
        #expect(!a.matches(String(a.text.dropLast())))
        #expect(!a.matches(a.text + "A"))
        #expect(a.masked.count == 9)
        // Same seed, same tokens: demos are reproducible.
        var again = SeededGenerator(seed: 7)
        #expect(PaymentLinkToken(using: &again) == a)
        // Known answer: RFC 4648 base32 of 16 zero bytes and of "foobar".
        #expect(PaymentLinkToken.base32(bytes: Array(repeating: 0, count: 16)) == String(repeating: "A", count: 26))
        #expect(PaymentLinkToken.base32(bytes: Array("foobar".utf8)) == "MZXW6YTBOI")
    }

    /// The validators read UTF-8 bytes; these are their rules written over Unicode scalars, the
    /// way they read in the messages, compared on random strings around every boundary.
    @Test func byteValidatorsAgreeWithTheirScalarRules() {
        let pool: [Unicode.Scalar] = ["a", "m", "z", "A", "Q", "Z", "0", "5", "9", "2", "7", "8", "1", "-", "_", " ", "@", "[", "`", "{",
                                      "/", ":", "é", "ä", "ⅰ", "Ａ", "\u{0}", "\u{1B}", "\u{7F}", "日", "🎉"]
        func handleRule(_ s: String) -> Bool {
            let v = Array(s.unicodeScalars)
            return (2...32).contains(v.count) && ("a"..."z").contains(v[0]) && v.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        func keyRule(_ s: String) -> Bool {
            let v = Array(s.unicodeScalars)
            return (1...64).contains(v.count) && v.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        }
        func tokenRule(_ s: String) -> Bool {
            let v = Array(s.unicodeScalars)
            return v.count == 26 && v.allSatisfy { PaymentLinkToken.alphabet.contains($0) }
        }
        // Each string is drawn from one validator's own characters with a few strays from the
        // whole pool, so long strings that pass are as common as ones that fail by one character.
        let alphabets: [[Unicode.Scalar]] = [Array("abcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars),
                                             Array("abcdXYZ019-_".unicodeScalars), PaymentLinkToken.alphabet]
        var rng = SeededGenerator(seed: 11)
        var passed = (handles: 0, keys: 0, tokens: 0)
        for round in 0..<30_000 {
            let length = [0, 1, 2, 3, 25, 26, 27, 32, 33, 64, 65][round % 11]
            let alphabet = alphabets[round % 3]
            let text = String(String.UnicodeScalarView((0..<length).map { _ in
                rng.next() % 60 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }))
            let handle = (try? Handle(text)) != nil, key = (try? IdempotencyKey(text)) != nil, token = PaymentLinkToken(text) != nil
            #expect(handle == handleRule(text), "handle \(text.debugDescription)")
            #expect(key == keyRule(text), "key \(text.debugDescription)")
            #expect(token == tokenRule(text), "token \(text.debugDescription)")
            passed.handles += handle ? 1 : 0
            passed.keys += key ? 1 : 0
            passed.tokens += token ? 1 : 0
        }
        #expect(passed.handles > 1_000 && passed.keys > 1_000 && passed.tokens > 500, "\(passed)")
    }

    @Test func idempotencyKeys() throws {
        #expect(try IdempotencyKey("pay-2026_11").value == "pay-2026_11")
        #expect(throws: PaymentError.badKey("")) { try IdempotencyKey("") }
        #expect(throws: PaymentError.badKey("a b")) { try IdempotencyKey("a b") }
        #expect(throws: PaymentError.badKey("ключ")) { try IdempotencyKey("ключ") }
        var rng = SeededGenerator(seed: 1)
        #expect(IdempotencyKey.generate(using: &rng).value.hasPrefix("k-"))
    }
}

struct AuditEventTests {
    @Test func canonicalEncodingIsLengthPrefixedAndOrderIndependent() {
        let at = Instant(secondsSinceEpoch: 1_700_000_000)
        let a = AuditEvent(actor: "buyer:hanse", action: "pay", order: OrderCode(number: 7), fromState: .awaitingPayment,
                           toState: .advancePaid, at: at, payload: [.init("key", "k1"), .init("amount", "10.00")])
        let b = AuditEvent(actor: "buyer:hanse", action: "pay", order: OrderCode(number: 7), fromState: .awaitingPayment,
                           toState: .advancePaid, at: at, payload: [.init("amount", "10.00"), .init("key", "k1")])
        #expect(a.canonicalBytes == b.canonicalBytes)
        #expect(String(decoding: a.canonicalBytes, as: UTF8.self) ==
                "tg-event-v111:buyer:hanse3:pay10:TG-000000715:awaitingPayment11:advancePaid10:17000000001:26:amount5:10.003:key2:k1")
        // A value containing what looks like a separator cannot collide with two fields.
        let c = AuditEvent(actor: "x", action: "a", order: nil, fromState: nil, toState: nil, at: at, payload: [.init("k", "1:v")])
        let d = AuditEvent(actor: "x", action: "a", order: nil, fromState: nil, toState: nil, at: at, payload: [.init("k1", ":v")])
        #expect(c.canonicalBytes != d.canonicalBytes)
    }
}
