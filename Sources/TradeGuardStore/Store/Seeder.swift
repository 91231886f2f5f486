import Foundation
import TradeGuardCore

public struct SeedReport: Sendable {
    public let orders: Int
    public let events: Int
    public let seconds: Double
}

/// `tradeguard seed`: many realistic orders with full, consistent histories, for scale tests
/// and benchmarks. Deterministic per seed (relative to the database's clock).
///
/// This is the one bulk path that does not call `Store.perform` per action — a million orders
/// with an fsync per action would take hours. It runs the same `Workflow.decide` decisions in
/// memory, one order's whole life at a time, and writes the resulting rows, every audit event
/// (in the hash chain) and every ledger row in large transactions. `check` verifies the result
/// exactly as it verifies anything else.
public enum Seeder {
    static let batchSize = 2_000

    public static func seed(_ store: Store, orders count: Int, seed: UInt64, progress: ((Int) -> Void)? = nil) throws -> SeedReport {
        guard count > 0 else { throw StoreError.invalid("Give a number of orders greater than zero.") }
        let started = Date()
        if try !store.isInitialised() {
            // A fresh file becomes a demo database whose clock stands at today's midnight.
            let now = store.timeSource.now()
            try store.initialise(kind: .demo, at: Instant(secondsSinceEpoch: now.secondsSinceEpoch / 86_400 * 86_400))
        }
        let cast = try SeedCast.prepare(store, seed: seed)
        let now = try store.now()
        var random = SplitMix64(seed: seed ^ 0x5EED)
        var writer = try SeedWriter(store: store, now: now)
        let first = (try store.db.read { try store.db.scalarInt("SELECT coalesce(max(id), 0) FROM orders") } ?? 0) + 1
        var simulation = SeedSimulation(cast: cast, now: now, count: count)

        var written = 0
        while written < count {
            let batch = min(batchSize, count - written)
            try store.db.write {
                for i in 0..<batch {
                    let number = first + Int64(written + i)
                    let life = try simulation.live(number: number, index: written + i, random: &random)
                    try writer.write(life)
                }
                try writer.flushReservations()
            }
            written += batch
            progress?(written)
        }
        // The limits now reflect the closed orders; one audited recompute per supplier.
        for supplier in cast.suppliers {
            try store.transact { now, recorder in
                let record = try store.parties.require(supplier)
                let breakdown = try store.limits.recompute(record, reason: "seeded orders", at: now)
                try recorder.record(store.partyEvent(.system, "seed", supplier, now,
                                                     [.init("granted", MoneyFormat.decimal(breakdown.granted))]))
            }
        }
        return SeedReport(orders: count, events: writer.events, seconds: Date().timeIntervalSince(started))
    }
}

/// The parties the seeder trades between, created once per database.
struct SeedCast {
    let suppliers: [Handle]
    let buyers: [Handle]
    let rates: [Currency: ExchangeRate]
    /// The supplier limits used for coverage while seeding.
    var granted: [Handle: Int64]

    static let supplierCount = 100
    static let buyerCount = 1_000

    static func prepare(_ store: Store, seed: UInt64) throws -> SeedCast {
        let now = try store.now()
        let since = now.utcDate.adding(days: -1_500)
        let suppliers = (1...supplierCount).map { try! Handle(String(format: "seed-s%04d", $0)) }
        let buyers = (1...buyerCount).map { try! Handle(String(format: "seed-b%04d", $0)) }
        // Over a thousand parties: one transaction (one fsync), still one audit event each.
        try store.db.write {
            let log = store.events
            for (n, handle) in suppliers.enumerated() where try store.parties.find(handle) == nil {
                var party = Party(handle: handle, kind: .supplier, name: SeedNames.supplier(n + 1), country: ["CN", "VN", "IN", "TR", "MX"][n % 5],
                                  email: "sales@\(handle.value).example", verification: [.onsite, .licence, .none][n % 3],
                                  memberSince: since.adding(days: n * 13))
                party.activation = .active(since: now)
                try store.parties.insert(party)
                try store.limits.recompute(try store.parties.require(handle), reason: "seeded and activated", at: now)
                try log.append(store.partyEvent(.platform, "party.add", handle, now, [.init("kind", "supplier"), .init("activated", "yes")]), orderID: nil)
            }
            for (n, handle) in buyers.enumerated() where try store.parties.find(handle) == nil {
                try store.parties.insert(Party(handle: handle, kind: .buyer, name: SeedNames.buyer(n + 1), country: ["DE", "JP", "TR", "US", "FR", "BR", "GB"][n % 7],
                                               email: "buying@\(handle.value).example", memberSince: since.adding(days: n)))
                try log.append(store.partyEvent(.platform, "party.add", handle, now, [.init("kind", "buyer")]), orderID: nil)
            }
        }
        var rates: [Currency: ExchangeRate] = [.usd: .usd(on: now.utcDate)]
        for currency in [Currency.eur, .cny, .jpy] {
            if let rate = try store.db.read({ try store.rate(for: currency, on: now.utcDate) }) {
                rates[currency] = rate
            } else {
                let text = ["EUR": "0.92", "CNY": "7.1", "JPY": "151.3"][currency.code]!
                let rate = try ExchangeRate.parse(text, currency: currency, effective: now.utcDate.adding(days: -400))
                try store.setRate(rate)
                rates[currency] = rate
            }
        }
        var granted: [Handle: Int64] = [:]
        for handle in suppliers {
            let record = try store.party(handle)
            granted[handle] = record.position.available.minorUnits
        }
        return SeedCast(suppliers: suppliers, buyers: buyers, rates: rates, granted: granted)
    }
}

enum SeedNames {
    static let places = ["Shenzhen", "Ningbo", "Hanoi", "Pune", "İzmir", "Monterrey", "Foshan", "Xiamen", "Bursa", "Surat"]
    static let trades = ["Electronics", "Textiles", "Furniture", "Ceramics", "Lighting", "Hardware", "Packaging", "Toys"]
    static let buyerNames = ["Müller", "Tanaka", "Yılmaz", "Dubois", "Smith", "Souza", "Rossi", "García", "Nakamura", "Kowalski", "Østergaard", "佐藤"]
    static let buyerForms = ["GmbH", "K.K.", "A.Ş.", "SARL", "LLC", "Ltda.", "S.p.A.", "S.L.", "Co.", "Sp. z o.o.", "ApS", "商事"]

    static func supplier(_ n: Int) -> String { "\(places[n % places.count]) \(trades[n % trades.count]) Co. \(n)" }
    static func buyer(_ n: Int) -> String {
        let i = n % buyerNames.count
        return "\(buyerNames[i]) Trading \(buyerForms[i]) \(n)"
    }
}
