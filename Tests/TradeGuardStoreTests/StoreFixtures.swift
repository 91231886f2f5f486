import Foundation
@testable import TradeGuardCore
@testable import TradeGuardStore

/// A fresh database in its own temporary folder (tests run in parallel in one process).
final class TestStore {
    let folder: URL
    let path: String
    let clock: ManualTimeSource
    let store: Store

    static let t0 = Instant.parse("2026-11-27T09:00:00Z")!
    static let supplier = Actor.party(try! Handle("acme"), .supplier)
    static let buyer = Actor.party(try! Handle("hanse"), .buyer)

    init(kind: DatabaseKind = .real, parties: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("test.sqlite").path
        clock = ManualTimeSource(Self.t0)
        store = try Store(path: path, timeSource: clock, random: .seeded(42))
        try store.initialise(kind: kind, at: Self.t0)
        if parties {
            try store.addParty(Party(handle: try Handle("acme"), kind: .supplier, name: "Acme Hardware Co., Ltd.", country: "CN",
                                     email: "sales@acme.example", verification: .onsite, memberSince: try CalendarDate.parse("2019-03-01")))
            try store.addParty(Party(handle: try Handle("hanse"), kind: .buyer, name: "Hanse Küchen GmbH", country: "DE",
                                     email: "einkauf@hanse.example", memberSince: try CalendarDate.parse("2020-01-01")))
            _ = try store.activate(try Handle("acme"), as: Self.supplier)
        }
    }

    /// Another connection to the same file, as a second process would have.
    func secondConnection() throws -> Store { try Store(path: path, timeSource: clock, random: .seeded(7)) }

    deinit { try? FileManager.default.removeItem(at: folder) }

    static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .usd) }

    /// 100 × US$12.50 + 10.5 × US$3.33 + freight 50 + insurance 10 = US$1,344.97; advance US$400.
    static func contract(currency: Currency = .usd) -> Contract {
        func m(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: currency) }
        return Contract(kind: .custom, currency: currency,
                        lines: [LineItem(description: "Steel hinges 不锈钢铰链", quantity: Quantity(whole: 100), unit: "pcs", unitPrice: m(1_250),
                                         quality: "salt spray 96 h", inspectionRequired: true),
                                LineItem(description: "Gaskets", quantity: Quantity(thousandths: 10_500), unit: "kg", unitPrice: m(333))],
                        incoterm: .CIF, namedPlace: "Hamburg", shippingMethod: .sea, shipDate: .daysAfterAdvance(20),
                        destination: "Am Sandtorkai 1, Hamburg", freight: m(5_000), insurance: m(1_000), advance: m(40_000),
                        balanceDue: .beforeShipment)
    }
}
