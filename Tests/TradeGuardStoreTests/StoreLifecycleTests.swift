import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// The whole order life through the store's single entry point. After every step the stored
/// order reloads to exactly the value the domain decided, and `check` finds nothing.
struct StoreLifecycleTests {
    typealias T = TestStore

    func step(_ t: TestStore, _ command: OrderCommand, _ code: OrderCode, by actor: Actor,
              sourceLocation: SourceLocation = #_sourceLocation) throws -> Order {
        let result = try t.store.perform(command, on: code, as: actor)
        let reloaded = try t.store.order(code)
        #expect(reloaded == result.order, "reloaded order differs after \(command.action)", sourceLocation: sourceLocation)
        let report = try t.store.check()
        #expect(report.faults == [], "after \(command.action)", sourceLocation: sourceLocation)
        return result.order
    }

    @Test func draftToClosedAndTheLimitGrows() throws {
        let t = try TestStore()
        let acme = try Handle("acme")
        let before = try t.store.limitSummary(acme)
        // on-site 25,000 + 7 years 7,000 = 32,000
        #expect(before.granted == T.usd(3_200_000))

        var order = try t.store.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        #expect(order.code.text == "TG-0000001")
        #expect(try t.store.order(order.code) == order)
        order = try step(t, .submit, order.code, by: T.supplier)
        order = try step(t, .requestChanges(reason: "Add pallet labels"), order.code, by: T.buyer)
        #expect(order.state == .draft && order.lastReason == "Add pallet labels")
        var edited = order.contract
        edited.remarks = "Pallet labels per Hanse spec v2"
        order = try step(t, .edit(edited), order.code, by: T.supplier)
        order = try step(t, .submit, order.code, by: T.supplier)
        order = try step(t, .confirm, order.code, by: T.buyer)
        #expect(order.coverage?.covered == T.usd(134_497))
        #expect(try t.store.limitSummary(acme).reserved == T.usd(134_497))
        order = try step(t, .pay(amount: T.usd(15_000), method: .tt, key: try IdempotencyKey("adv-1")), order.code, by: T.buyer)
        order = try step(t, .pay(amount: T.usd(25_000), method: .card, key: try IdempotencyKey("adv-2")), order.code, by: T.buyer)
        #expect(order.state == .advancePaid)
        order = try step(t, .startProduction, order.code, by: T.supplier)
        t.clock.advance(try ClockStep.parse("2d"))
        order = try step(t, .logContact(note: "Called Mr Weber about labels"), order.code, by: T.supplier)
        for item in ChecklistItem.allCases { order = try step(t, .tick(item, note: "ok"), order.code, by: T.supplier) }
        order = try step(t, .untick(.marks, note: "relabel"), order.code, by: T.supplier)
        order = try step(t, .tick(.marks, note: "relabelled"), order.code, by: T.supplier)
        order = try step(t, .requestExtension(days: 5, reason: "Paint drying"), order.code, by: T.supplier)
        order = try step(t, .acceptExtension, order.code, by: T.buyer)
        order = try step(t, .pay(amount: order.balanceAmount, method: .bank, key: try IdempotencyKey("bal-1")), order.code, by: T.buyer)
        order = try step(t, .ready, order.code, by: T.supplier)
        order = try step(t, .ship(carrier: "Maersk", tracking: "MAEU1234567"), order.code, by: T.supplier)
        order = try step(t, .extendReceipt, order.code, by: T.buyer)
        t.clock.advance(try ClockStep.parse("20d"))
        order = try step(t, .confirmReceipt, order.code, by: T.buyer)
        #expect(order.state == .completed)

        // 30 days later the sweep closes it, releases the reservation and the limit grows:
        // + volume 0.5 × 1,344.97 + count 2,000 = 32,000 + 672.48 + 2,000 → 34,000.
        t.clock.advance(try ClockStep.parse("30d"))
        let swept = try t.store.sweep()
        #expect(swept.map(\.1) == [.close])
        let closed = try t.store.order(order.code)
        #expect(closed.state == .closed)
        let after = try t.store.limitSummary(acme)
        #expect(after.reserved == T.usd(0))
        #expect(after.granted == T.usd(3_400_000))
        #expect(try t.store.check().faults == [])
    }

    @Test func paymentsAreIdempotentAcrossConnections() throws {
        let t = try TestStore()
        var order = try t.store.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        order = try step(t, .submit, order.code, by: T.supplier)
        order = try step(t, .confirm, order.code, by: T.buyer)
        let key = try IdempotencyKey("once")
        let other = try t.secondConnection()
        let first = try t.store.perform(.pay(amount: T.usd(10_000), method: .tt, key: key), on: order.code, as: T.buyer)
        let again = try other.perform(.pay(amount: T.usd(10_000), method: .tt, key: key), on: order.code, as: T.buyer)
        #expect(!first.wasReplay && again.wasReplay)
        #expect(again.payment == first.payment)
        #expect(throws: StoreError.refused(.idempotencyConflict(key: "once", original: T.usd(10_000)))) {
            try other.perform(.pay(amount: T.usd(20_000), method: .tt, key: key), on: order.code, as: T.buyer)
        }
        #expect(try t.store.order(order.code).paidTotal == T.usd(10_000))
        // A key used on one order cannot pay another.
        var second = try t.store.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        second = try step(t, .submit, second.code, by: T.supplier)
        second = try step(t, .confirm, second.code, by: T.buyer)
        #expect(throws: StoreError.keyUsedElsewhere("once")) {
            try t.store.perform(.pay(amount: T.usd(10_000), method: .tt, key: key), on: second.code, as: T.buyer)
        }
        #expect(try t.store.check().faults == [])
    }

    @Test func staleVersionAndDoubleConfirmation() throws {
        let t = try TestStore()
        var order = try t.store.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        order = try step(t, .submit, order.code, by: T.supplier)
        let seen = order.version
        let other = try t.secondConnection()
        _ = try other.perform(.confirm, on: order.code, as: T.buyer, expectedVersion: seen)
        #expect(throws: StoreError.staleVersion(code: order.code, yourVersion: seen, whatChanged: "buyer:hanse confirm")) {
            try t.store.perform(.confirm, on: order.code, as: T.buyer, expectedVersion: seen)
        }
        // Without a version the second confirmation is told it already happened.
        do {
            try t.store.perform(.confirm, on: order.code, as: T.buyer)
            Issue.record("confirmed twice")
        } catch let StoreError.alreadyDone(code, what) {
            #expect(code == order.code && what.hasPrefix("confirmed by buyer:hanse"))
        }
        #expect(try t.store.limitSummary(try Handle("acme")).reserved == T.usd(134_497))
        #expect(try t.store.check().faults == [])
    }

    @Test func foreignCurrencyConfirmationUsesTheDatedRate() throws {
        let t = try TestStore()
        var order = try t.store.draft(T.contract(currency: .eur), counterparty: try Handle("hanse"), as: T.supplier)
        order = try step(t, .submit, order.code, by: T.supplier)
        #expect(throws: StoreError.refused(.missingRate(currency: "EUR"))) { try t.store.perform(.confirm, on: order.code, as: T.buyer) }
        try t.store.setRate(try ExchangeRate.parse("0.92", currency: .eur, effective: T.t0.utcDate))
        // A rate dated tomorrow is not used today.
        try t.store.setRate(try ExchangeRate.parse("0.50", currency: .eur, effective: T.t0.utcDate.adding(days: 1)))
        order = try step(t, .confirm, order.code, by: T.buyer)
        #expect(order.coverage?.rate.microUnitsPerUSD == 920_000)
        #expect(order.coverage?.totalUSD == T.usd(146_192))
        #expect(try t.store.check().faults == [])
    }
}
