import Testing
@testable import TradeGuardCore

/// The contract a draft or edit event carries decodes to exactly the contract encoded, and
/// nothing else decodes.
struct ContractEncodingTests {
    static func contract(_ rule: ShipDateRule, expected: CalendarDate?, remarks: String) -> Contract {
        func eur(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }
        return Contract(kind: .custom, currency: .eur,
                        lines: [LineItem(description: "Hinges 3:2 \"steel\" 不锈钢", quantity: Quantity(thousandths: 10_500), unit: "kg",
                                         unitPrice: eur(333), quality: "", inspectionRequired: true),
                                LineItem(description: "12:abc", quantity: Quantity(whole: 7), unit: "pcs", unitPrice: eur(1), quality: "ISO 9001")],
                        incoterm: .CIF, namedPlace: "Hamburg", shippingMethod: .sea, shipDate: rule, expectedDelivery: expected,
                        destination: "Am Sandtorkai 1", freight: eur(5_000), insurance: eur(0), advance: eur(400), balanceDue: .afterShipment,
                        remarks: remarks)
    }

    @Test(arguments: [
        contract(.fixed(CalendarDate(daysSinceEpoch: 20_800)), expected: CalendarDate(daysSinceEpoch: 20_830), remarks: "two\nlines"),
        contract(.daysAfterAdvance(30), expected: nil, remarks: ""),
        contract(.daysAfterBalance(365), expected: nil, remarks: "1:x"),
    ])
    func roundTrips(_ contract: Contract) {
        let text = ContractEncoding.encode(contract)
        #expect(ContractEncoding.decode(text) == contract)
        #expect(ContractEncoding.encode(ContractEncoding.decode(text)!) == text)
    }

    @Test func anythingElseIsRefused() {
        let text = ContractEncoding.encode(Self.contract(.daysAfterAdvance(3), expected: nil, remarks: ""))
        for bad in ["", "2:c2", String(text.dropLast()), text + "1:x", text.replacingOccurrences(of: "3:EUR", with: "3:XXX")] {
            #expect(ContractEncoding.decode(bad) == nil, "\(bad)")
        }
    }
}
