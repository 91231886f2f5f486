/// Every term of a contract as one canonical string, for the `contract` field of draft and
/// edit events: the event then carries the whole decision, and `check` can replay it.
///
/// Fields are `<byte count>:<bytes>` in a fixed order (as `AuditEvent.canonicalBytes`), money in
/// integer minor units and dates in days since the epoch, so one contract has exactly one
/// encoding and no value can imitate a separator. Tag `c1` names the layout; `c2` is `c1` plus
/// the guaranteed-date flag at the end, written only when the flag is set, so every contract
/// without it keeps the exact encoding its old events carry (and replays byte for byte).
public enum ContractEncoding {
    public static func encode(_ c: Contract) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256 + c.lines.count * 96)
        func put(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                out.append(contentsOf: String(bytes.count).utf8)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: bytes)
            }
        }
        func put(_ n: Int64) { put(String(n)) }
        put(c.guaranteedDate ? "c2" : "c1")
        put(c.kind.rawValue)
        put(c.currency.code)
        put(c.incoterm.rawValue)
        put(c.namedPlace)
        put(c.shippingMethod.rawValue)
        switch c.shipDate {
        case let .fixed(date): put("fixed"); put(Int64(date.daysSinceEpoch))
        case let .daysAfterAdvance(n): put("afterAdvance"); put(Int64(n))
        case let .daysAfterBalance(n): put("afterBalance"); put(Int64(n))
        }
        put(c.expectedDelivery.map { String($0.daysSinceEpoch) } ?? "")
        put(c.destination)
        put(c.freight.minorUnits)
        put(c.insurance.minorUnits)
        put(c.advance.minorUnits)
        put(c.balanceDue.rawValue)
        put(c.remarks)
        put(Int64(c.lines.count))
        for line in c.lines {
            put(line.description)
            put(line.quantity.thousandths)
            put(line.unit)
            put(line.unitPrice.minorUnits)
            put(line.quality)
            put(line.inspectionRequired ? "1" : "0")
        }
        if c.guaranteedDate { put("1") }
        return String(decoding: out, as: UTF8.self)
    }

    /// The contract `encode` wrote, or nil for any other text.
    public static func decode(_ text: String) -> Contract? {
        let bytes = Array(text.utf8)
        var i = 0
        func next() -> String? {
            var length = 0
            var digits = 0
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), digits < 9 {
                length = length * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
                digits += 1
            }
            guard digits > 0, i < bytes.count, bytes[i] == UInt8(ascii: ":"), i + 1 + length <= bytes.count else { return nil }
            let value = String(decoding: bytes[(i + 1)..<(i + 1 + length)], as: UTF8.self)
            i += 1 + length
            return value
        }
        func int() -> Int64? { next().flatMap { Int64($0) } }
        let tag = next()
        guard tag == "c1" || tag == "c2",
              let kind = next().flatMap(OrderKind.init(rawValue:)),
              let currency = next().flatMap(Currency.named),
              let incoterm = next().flatMap(Incoterm.init(rawValue:)),
              let namedPlace = next(),
              let method = next().flatMap(ShippingMethod.init(rawValue:)),
              let ruleName = next(), let ruleValue = int(),
              let expected = next(),
              let destination = next(),
              let freight = int(), let insurance = int(), let advance = int(),
              let balanceDue = next().flatMap(BalanceDue.init(rawValue:)),
              let remarks = next(),
              let count = int(), count >= 0, count <= 10_000 else { return nil }
        let rule: ShipDateRule
        switch ruleName {
        case "fixed": rule = .fixed(CalendarDate(daysSinceEpoch: Int(ruleValue)))
        case "afterAdvance": rule = .daysAfterAdvance(Int(ruleValue))
        case "afterBalance": rule = .daysAfterBalance(Int(ruleValue))
        default: return nil
        }
        let delivery: CalendarDate?
        if expected.isEmpty { delivery = nil } else {
            guard let days = Int(expected) else { return nil }
            delivery = CalendarDate(daysSinceEpoch: days)
        }
        func money(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: currency) }
        var lines: [LineItem] = []
        for _ in 0..<count {
            guard let description = next(), let quantity = int(), let unit = next(), let price = int(),
                  let quality = next(), let inspection = next(), inspection == "0" || inspection == "1" else { return nil }
            lines.append(LineItem(description: description, quantity: Quantity(thousandths: quantity), unit: unit,
                                  unitPrice: money(price), quality: quality, inspectionRequired: inspection == "1"))
        }
        // c2 carries the flag, always set (an unset flag is written as c1).
        if tag == "c2" { guard next() == "1" else { return nil } }
        guard i == bytes.count else { return nil }
        return Contract(kind: kind, currency: currency, lines: lines, incoterm: incoterm, namedPlace: namedPlace,
                        shippingMethod: method, shipDate: rule, expectedDelivery: delivery, destination: destination,
                        freight: money(freight), insurance: money(insurance), advance: money(advance),
                        balanceDue: balanceDue, remarks: remarks, guaranteedDate: tag == "c2")
    }
}
