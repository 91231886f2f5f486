import Foundation
import TradeGuardCore
import TradeGuardStore

/// Workflow actions committed the way the app commits them: `Store.perform`, one BEGIN
/// IMMEDIATE transaction each, `synchronous=FULL` (an fsync per commit). Each sample is a fresh
/// small order between the big supplier and the big buyer; after the timed confirm and pay it
/// is disputed and refunded, so the reservation is released and repeated benchmarks do not
/// use up the supplier's limit.
struct BenchActions {
    let database: String
    let supplier: Handle
    let buyer: Handle

    struct Samples {
        var confirmMs: [Double] = []
        var payMs: [Double] = []
        var synchronous = ""
    }

    func run(count: Int) throws -> Samples {
        let store = try Store(path: database, create: false)
        defer { store.close() }
        var samples = Samples()
        samples.synchronous = (try? store.synchronousLevel()).flatMap { $0 }.map { $0 == 2 ? "FULL" : $0 == 3 ? "EXTRA" : "level \($0)" } ?? "?"
        let buyerActor = Actor.party(buyer, .buyer)
        let supplierActor = Actor.party(supplier, .supplier)
        for _ in 0..<count {
            let order = try store.draft(Self.contract(), counterparty: supplier, as: buyerActor)
            try store.perform(.submit, on: order.code, as: buyerActor)
            samples.confirmMs.append(try timed { try store.perform(.confirm, on: order.code, as: supplierActor) })
            let confirmed = try store.order(order.code)
            let due = confirmed.payableNow?.due ?? confirmed.contract.advance
            samples.payMs.append(try timed {
                try store.perform(.pay(amount: due, method: .tt, key: store.newPaymentKey()), on: order.code, as: buyerActor)
            })
            let paid = try store.order(order.code)
            try store.perform(.dispute(reason: "Benchmark order: refund and release", amount: nil), on: order.code, as: buyerActor)
            try store.perform(.resolve(refund: paid.paidTotal), on: order.code, as: .platform)
        }
        return samples
    }

    private func timed(_ body: () throws -> Void) throws -> Double {
        let start = Monotonic.seconds()
        try body()
        return (Monotonic.seconds() - start) * 1_000
    }

    /// A small, complete contract: one line of 10 towels at US$5.00, freight US$10.00.
    static func contract() -> Contract {
        let usd = { (cents: Int64) in Money(minorUnits: cents, currency: .usd) }
        return Contract(kind: .rts, currency: .usd,
                        lines: [LineItem(description: "Cotton towel set", quantity: Quantity(whole: 10), unit: "pcs", unitPrice: usd(500),
                                         quality: "Per approved sample")],
                        incoterm: .DAP, namedPlace: "Port of destination", shippingMethod: .express, shipDate: .daysAfterAdvance(30),
                        destination: "Buyer's warehouse", freight: usd(1_000), insurance: usd(0), advance: usd(3_000), balanceDue: .beforeShipment)
    }
}
