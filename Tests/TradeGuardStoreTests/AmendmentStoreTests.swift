import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Changes after confirmation through the store's one entry point (issue 21): each proposal and
/// answer is one transaction with one full-content event; `check` replays them; a change the
/// table forbids, accepting your own proposal or a superseded one is one sentence and writes nothing.
struct AmendmentStoreTests {
    static let hanse = try! Handle("hanse")

    private func confirmed(_ contract: Contract = TestStore.contract()) throws -> (TestStore, OrderCode) {
        let t = try TestStore()
        let order = try t.store.draft(contract, counterparty: Self.hanse, as: TestStore.supplier)
        try t.store.perform(.submit, on: order.code, as: TestStore.supplier)
        try t.store.perform(.confirm, on: order.code, as: TestStore.buyer)
        return (t, order.code)
    }

    private func pay(_ t: TestStore, _ code: OrderCode) throws {
        try t.store.perform(.pay(amount: TestStore.usd(40_000), method: .tt, key: try IdempotencyKey("adv-\(code.number)")), on: code, as: TestStore.buyer)
    }

    private func counts(_ t: TestStore) throws -> [Int64] {
        try ["events", "amendments", "order_lines", "payment_terms"].map { try t.store.db.scalarInt("SELECT count(*) FROM \($0)") ?? -1 }
            + [try t.store.db.scalarInt("SELECT version FROM orders") ?? -1]
    }

    @Test func aPriceChangeBeforePaymentIsProposedAcceptedAndReplaysClean() throws {
        let (t, code) = try confirmed()
        var cheaper = TestStore.contract()
        cheaper.lines[0].unitPrice = TestStore.usd(1_150)
        let events = try t.store.db.scalarInt("SELECT count(*) FROM events") ?? 0
        try t.store.perform(.proposeChange(cheaper, routeFreight: nil, reason: "Volume discount"), on: code, as: TestStore.supplier)
        let proposed = try t.store.order(code)
        #expect(proposed.pendingAmendment?.contract == cheaper && proposed.contract == TestStore.contract())
        let accepted = try t.store.perform(.acceptChange(number: 1), on: code, as: TestStore.buyer).order
        #expect(try t.store.db.scalarInt("SELECT count(*) FROM events") == events + 2)
        let reloaded = try t.store.order(code)
        #expect(reloaded == accepted)
        #expect(reloaded.contract == cheaper && reloaded.contractVersion == 2 && reloaded.total == TestStore.usd(124_497))
        #expect(try t.store.db.scalarInt("SELECT amount FROM payment_terms WHERE term = 'balance'") == 124_497 - 40_000)
        let event = try #require(try t.store.events(of: code).last?.event)
        #expect(event.action == "accept-change" && event.value("contract") == ContractEncoding.encode(cheaper))
        #expect(try t.store.check().faults == [])
    }

    /// The defect of issue 21: the demo's TG-0000044 kept US$22,750 covered of a US$22,150
    /// order. The accepted price moves the coverage and the reservation by the difference; the
    /// end of the order releases the rest; `check` agrees at each step.
    @Test func anAcceptedPriceChangeMovesTheReservationAndTheEndReleasesTheRest() throws {
        let (t, code) = try confirmed()
        let acme = try Handle("acme")
        #expect(try t.store.limitSummary(acme).reserved == TestStore.usd(134_497))
        var cheaper = TestStore.contract()
        cheaper.lines[0].unitPrice = TestStore.usd(1_150)
        try t.store.perform(.proposeChange(cheaper, routeFreight: nil, reason: "Volume discount"), on: code, as: TestStore.supplier)
        try t.store.perform(.acceptChange(number: 1), on: code, as: TestStore.buyer)
        let order = try t.store.order(code)
        #expect(order.coverage?.covered == TestStore.usd(124_497) && order.coverage?.totalUSD == TestStore.usd(124_497))
        #expect(try t.store.db.scalarInt("SELECT covered_usd FROM orders WHERE id = \(code.number)") == 124_497)
        #expect(try t.store.limitSummary(acme).reserved == TestStore.usd(124_497))
        #expect(try t.store.check().faults == [])

        try t.store.perform(.cancel(reason: "Changed plans"), on: code, as: TestStore.supplier)
        #expect(try t.store.db.query("SELECT kind, amount_usd FROM limit_ledger WHERE order_id = ? ORDER BY id", [.int(code.number)]) {
            "\($0.text(0)) \($0.int(1))"
        } == ["reserve 134497", "release 10000", "release 124497"])
        #expect(try t.store.limitSummary(acme).reserved == TestStore.usd(0))
        #expect(try t.store.check().faults == [])
    }

    /// A release row added by another program (the ledger takes inserts) no longer nets to the
    /// order's coverage: `check` names the order.
    @Test func aForgedReleaseIsFound() throws {
        let (t, code) = try confirmed()
        try t.store.db.execute("""
            INSERT INTO limit_ledger (supplier_id, order_id, kind, amount_usd, at, event_id)
            SELECT supplier_id, order_id, 'release', 10, at, event_id FROM limit_ledger WHERE order_id = \(code.number)
            """)
        try t.store.db.execute("UPDATE parties SET reserved_usd = reserved_usd - 10 WHERE handle = 'acme'")
        let faults = try t.store.check().faults
        #expect(faults.contains("ledger: order \(code) covers 1344.97 but its ledger rows net 1344.87"), "\(faults)")
    }

    @Test func theForbiddenOwnAndSupersededAreRefusedAndWriteNothing() throws {
        let (t, code) = try confirmed()
        try pay(t, code)
        var cheaper = TestStore.contract()
        cheaper.lines[0].unitPrice = TestStore.usd(1_150)
        var moved = TestStore.contract()
        moved.destination = "Dock 7, Bremerhaven"
        var before = try counts(t)
        #expect(throws: StoreError.refused(.changeNotAllowed(.price, reason: "Once paid, the order amount cannot change; only the delivery address and the route may."))) {
            try t.store.perform(.proposeChange(cheaper, routeFreight: nil, reason: "discount"), on: code, as: TestStore.supplier)
        }
        #expect(try counts(t) == before)

        try t.store.perform(.proposeChange(moved, routeFreight: nil, reason: "New dock"), on: code, as: TestStore.buyer)
        before = try counts(t)
        #expect(throws: StoreError.refused(.ownAmendment)) { try t.store.perform(.acceptChange(number: 1), on: code, as: TestStore.buyer) }
        #expect(try counts(t) == before)

        var other = moved
        other.destination = "Dock 9, Bremerhaven"
        try t.store.perform(.proposeChange(other, routeFreight: nil, reason: "Dock 9 after all"), on: code, as: TestStore.supplier)
        #expect(try t.store.db.query("SELECT status FROM amendments ORDER BY number", [], row: { $0.text(0) }) == ["superseded", "requested"])
        before = try counts(t)
        #expect(throws: StoreError.refused(.amendmentSuperseded(1, by: 2))) { try t.store.perform(.acceptChange(number: 1), on: code, as: TestStore.supplier) }
        #expect(try counts(t) == before)
        try t.store.perform(.rejectChange(number: 2, reason: "Dock 7 only"), on: code, as: TestStore.buyer)
        #expect(try t.store.order(code).contract.destination == "Am Sandtorkai 1, Hamburg")
        #expect(try t.store.check().faults == [])
    }

    @Test func theExtensionLedgerAndTheGuaranteedFlagSurviveTheStore() throws {
        var guaranteed = TestStore.contract()
        guaranteed.guaranteedDate = true
        let (t, code) = try confirmed()
        try pay(t, code)
        try t.store.perform(.startProduction, on: code, as: TestStore.supplier)
        for (days, reason) in [(20, "Chip shortage"), (14, "Port strike")] {
            try t.store.perform(.requestExtension(days: days, reason: reason), on: code, as: TestStore.supplier)
            try t.store.perform(.acceptExtension, on: code, as: TestStore.buyer)
        }
        let ledger = ExtensionLedger(try t.store.order(code))
        #expect(ledger.entries.map(\.reason) == ["Chip shortage", "Port strike"])
        #expect(ledger.warning == "extended 2 times, 34 of 90 days used")

        let flagged = try t.store.draft(guaranteed, counterparty: Self.hanse, as: TestStore.supplier)
        #expect(try t.store.order(flagged.code).contract.guaranteedDate)
        #expect(try t.store.db.scalarInt("SELECT guaranteed_date FROM orders WHERE id = \(flagged.code.number)") == 1)
        #expect(try t.store.check().faults == [])
    }
}
