import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Disputes through the store's one entry point (issue 21): each move is one transaction with
/// one event carrying its full content; the outcome's points reach the supplier's limit; the
/// sweep applies a default outcome; `check` replays all of it clean.
struct DisputeStoreTests {
    /// A shipped order of the seeded world, with its supplier and buyer.
    func shipped(_ store: Store) throws -> (OrderCode, Actor, Actor) {
        try #require(try store.db.query("""
            SELECT o.id, s.handle, b.handle FROM orders o JOIN parties s ON s.id = o.supplier_id JOIN parties b ON b.id = o.buyer_id
            WHERE o.state = 'shipped' ORDER BY o.id LIMIT 1
            """, [], row: { (OrderCode(number: $0.int(0)), Actor.party(try Handle($0.text(1)), .supplier), Actor.party(try Handle($0.text(2)), .buyer)) }).first)
    }

    func seeded() throws -> (URL, Store, ManualTimeSource) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tg-dispute-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let clock = ManualTimeSource(Instant.parse("2026-11-27T09:00:00Z")!)
        let store = try Store(path: folder.appendingPathComponent("d.sqlite").path, timeSource: clock, random: .seeded(3))
        _ = try Seeder.seed(store, orders: 120, seed: 5)
        return (folder, store, clock)
    }

    @Test func aDecidedSeriousDisputeSuspendsTheSupplierAndReplaysClean() throws {
        let (folder, store, _) = try seeded()
        defer { store.close(); try? FileManager.default.removeItem(at: folder) }
        let (code, supplier, buyer) = try shipped(store)
        let before = try store.party(supplier.handle!)
        let eventsBefore = try store.db.scalarInt("SELECT count(*) FROM events") ?? 0

        try store.perform(.openDispute(kind: .notReceived, remedy: .fullRefund, amount: nil, reason: "Nothing arrived"), on: code, as: buyer)
        #expect(try store.db.scalarInt("SELECT count(*) FROM events") == eventsBefore + 1)
        let open = try store.order(code)
        #expect(open.dispute?.negotiation?.stage == .awaitingSupplier && open.waitingOnKind == .supplier)
        #expect(try store.db.scalarText("SELECT waiting_on FROM orders WHERE id = ?", [.int(code.number)]) == "supplier")

        try store.perform(.counter(remedy: .replacement, amount: nil, note: "We send again"), on: code, as: supplier)
        try store.perform(.addEvidence(description: "Carrier says lost", reference: "dhl-claim.pdf"), on: code, as: buyer)
        try store.perform(.escalate(note: "No"), on: code, as: buyer)
        let escalated = try store.order(code)
        #expect(escalated.dispute?.negotiation?.proposals.count == 2 && escalated.dispute?.negotiation?.evidence.count == 1)

        let result = try store.perform(.decide(remedy: .fullRefund, amount: nil, reasoning: "No proof of delivery"), on: code, as: .platform)
        #expect(result.order.state == .refunded && result.order.disputeOutcome?.points == 48)
        let reloaded = try store.order(code)
        #expect(reloaded == result.order)
        let after = try store.party(supplier.handle!)
        #expect(after.party.violationPoints == before.party.violationPoints + 48)
        #expect(after.party.isSuspended)
        let event = try #require(try store.events(of: code).last?.event)
        #expect(event.value("partyRow") != nil && event.value("recompute") != nil && event.value("reasoning") == "No proof of delivery")
        let faults = try store.check().faults
        #expect(faults == [], "\(faults)")
    }

    /// The refund an agreement makes due is the supplier's deadline (its Overview: waiting on
    /// it, sorted by the refund's last day) until recorded with the transfer's reference.
    @Test func anAgreedRefundIsTheSuppliersDeadlineUntilRecorded() throws {
        let (folder, store, _) = try seeded()
        defer { store.close(); try? FileManager.default.removeItem(at: folder) }
        let (code, supplier, buyer) = try shipped(store)
        try store.perform(.openDispute(kind: .damaged, remedy: .fullRefund, amount: nil, reason: "Crushed cartons"), on: code, as: buyer)
        try store.perform(.agree, on: code, as: supplier)
        let refunded = try store.order(code)
        let due = try #require(refunded.disputeOutcome?.refundDue)
        func stored() throws -> [String?] {
            try #require(try store.db.query("SELECT waiting_on, next_deadline_kind, next_deadline FROM orders WHERE id = ?", [.int(code.number)]) {
                [$0.optionalText(0), $0.optionalText(1), $0.optionalInt(2).map(String.init)]
            }.first)
        }
        #expect(try stored() == ["supplier", "refund", String(due.adding(days: 1).startUTC.secondsSinceEpoch)])
        #expect(try store.check().faults == [])

        let events = try store.db.scalarInt("SELECT count(*) FROM events") ?? 0
        #expect(throws: StoreError.self) { try store.perform(.recordRefund(reference: "TT-1"), on: code, as: buyer) }
        #expect(try store.db.scalarInt("SELECT count(*) FROM events") == events)
        try store.perform(.recordRefund(reference: "TT-20261201-42"), on: code, as: supplier)
        let recorded = try store.order(code)
        #expect(recorded.disputeOutcome?.refundPaid?.reference == "TT-20261201-42")
        #expect(try stored() == [nil, nil, nil])
        #expect(try store.events(of: code).last?.event.value("reference") == "TT-20261201-42")
        let faults = try store.check().faults
        #expect(faults == [], "\(faults)")
    }

    @Test func theSweepAppliesTheDefaultOutcomeAndRefusalsWriteNothing() throws {
        let (folder, store, _) = try seeded()
        defer { store.close(); try? FileManager.default.removeItem(at: folder) }
        let (code, supplier, buyer) = try shipped(store)
        let currency = try store.order(code).currency
        let paid = try store.order(code).paidTotal
        let events = try store.db.scalarInt("SELECT count(*) FROM events") ?? 0
        let tooMuch = Money(minorUnits: paid.minorUnits + 1, currency: currency)
        #expect(throws: StoreError.refused(.remedyTooLarge(maximum: paid))) {
            try store.perform(.openDispute(kind: .damaged, remedy: .partialRefund, amount: tooMuch, reason: "Dented"), on: code, as: buyer)
        }
        #expect(try store.db.scalarInt("SELECT count(*) FROM events") == events)

        try store.perform(.openDispute(kind: .damaged, remedy: .partialRefund, amount: Money(minorUnits: 100, currency: currency), reason: "Dented"),
                          on: code, as: buyer)
        try store.perform(.counter(remedy: .replacement, amount: nil, note: "We replace the dented ones"), on: code, as: supplier)
        _ = try store.advanceClock(by: try ClockStep.parse("5d"))   // a demo database runs on its own clock
        #expect(throws: StoreError.self) { try store.perform(.agree, on: code, as: buyer) }
        let applied = try store.sweep()
        #expect(applied.contains { $0.0 == code && $0.1 == .disputeTimeout })
        let lapsed = try store.order(code)
        #expect(lapsed.state == .shipped && lapsed.disputeOutcome?.how == .lapsed)
        #expect(throws: StoreError.refused(.disputeClosed(.lapsed))) {
            try store.perform(.addEvidence(description: "More photos", reference: ""), on: code, as: buyer)
        }
        #expect(try store.check().faults == [])
    }

    @Test func anEnterpriseBuyerIsProtectedSixtyDays() throws {
        let (folder, store, _) = try seeded()
        defer { store.close(); try? FileManager.default.removeItem(at: folder) }
        let (code, _, buyer) = try shipped(store)
        try store.setBuyerTier(buyer.handle!, to: .enterprise)
        #expect(try store.tier(of: buyer.handle!) == .enterprise)
        let received = try store.perform(.confirmReceipt, on: code, as: buyer)
        #expect(received.order.protectionDays == 60)
        #expect(try store.order(code).protectionDays == 60)
        #expect(try store.check().faults == [])
    }
}
