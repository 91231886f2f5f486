import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// The demo database must show everything a trainer needs, on any day it is created.
@Suite(.serialized) struct DemoDataTests {
    static let now = Instant.parse("2026-11-27T09:30:00Z")!

    static func build() throws -> (TestFolder, Store) {
        let folder = try TestFolder()
        let store = try Store(path: folder.path("demo.sqlite"), random: .seeded(1))
        try DemoData.build(into: store, now: now)
        return (folder, store)
    }

    @Test func demoDatabaseCoversEveryStateAndPassesCheck() throws {
        let (folder, store) = try Self.build()
        defer { _ = folder }
        #expect(try store.kind() == .demo)
        let clock = try store.now()
        #expect(clock == Instant.parse("2026-11-27T09:00:00Z"), "\(clock)")
        let report = try store.check()
        #expect(report.faults == [])
        #expect(report.orders >= 40)

        let states = try store.db.query("SELECT DISTINCT state FROM orders", []) { OrderState(rawValue: $0.text(0)) }
        #expect(Set(states.compactMap { $0 }) == Set(OrderState.allCases))
        let currencies = try store.db.query("SELECT DISTINCT currency FROM orders", []) { $0.text(0) }
        #expect(Set(currencies).isSuperset(of: ["USD", "EUR", "CNY"]))
    }

    @Test func suppliersSpanTheRange() throws {
        let (folder, store) = try Self.build()
        defer { _ = folder }
        let bright = try store.limitSummary(DemoCast.bright)
        #expect(bright.granted.minorUnits >= 90_000_000 && bright.granted.minorUnits <= 100_000_000, "near the cap: \(bright.granted)")
        let newcomer = try store.limitSummary(DemoCast.newcomer)
        #expect(newcomer.granted == Money(minorUnits: 500_000, currency: .usd))   // base only
        let saigon = try store.limitSummary(DemoCast.saigon)
        #expect(saigon.latest?.status == .suspended && saigon.granted.isZero)
        #expect(try store.allParties().filter { $0.party.kind == .buyer }.count >= 5)
    }

    @Test func deadlinesSitWhereTheTrainerExpects() throws {
        let (folder, store) = try Self.build()
        defer { _ = folder }
        let now = try store.now()
        let all = try store.db.query("SELECT id FROM orders", []) { OrderCode(number: $0.int(0)) }.map { try store.order($0) }
        // A confirmation due tomorrow.
        #expect(all.contains { $0.state == .awaitingConfirmation && $0.nextDeadline.map { $0.due > now && $0.due <= now.adding(days: 1) } == true }, "\(all.filter { $0.state == .awaitingConfirmation }.map { ($0.code, $0.submittedAt!, $0.nextDeadline!.due) })")
        // A part-paid order past its payment deadline, not cancelled.
        #expect(all.contains { $0.state == .awaitingPayment && $0.paidTotal.isPositive && $0.nextDeadline!.due < now })
        // A missed buyer contact, and one due within three days.
        #expect(all.contains { $0.contactLate(at: now) })
        #expect(all.contains { o in o.deadlines.contains { $0.kind == .contact && $0.due > now && $0.due <= now.adding(days: 4) } })
        // An extension waiting for the buyer, an open dispute, a refund, an auto-cancellation.
        #expect(all.contains { $0.pendingExtension != nil })
        #expect(all.contains { $0.state == .disputed })
        #expect(all.contains { $0.state == .refunded && $0.refunded?.isPositive == true })
        #expect(all.contains { $0.state == .cancelled && $0.lastReason == "deadline passed" })
        // Partial payments: an advance paid in two parts.
        #expect(all.contains { $0.payments.filter { $0.term == .advance }.count == 2 })
        // Closed orders fed the limit.
        #expect(all.filter { $0.state == .closed }.count >= 20)
    }

    /// Issue 21: a change after confirmation at each stage — waiting for its answer, accepted
    /// (a new contract version) and rejected with the reason — each on an order still in flight.
    @Test func changesAfterConfirmationStandAtEachStage() throws {
        let (folder, store) = try Self.build()
        defer { _ = folder }
        let all = try store.db.query("SELECT id FROM orders", []) { OrderCode(number: $0.int(0)) }.map { try store.order($0) }
        let waiting = try #require(all.first { $0.pendingAmendment != nil })
        #expect(waiting.state == .awaitingPayment && waiting.pendingAmendment?.proposedBy == .supplier)
        #expect(ChangeRules.terms(changedFrom: waiting.contract, to: waiting.pendingAmendment!.contract) == [.price])
        let accepted = try #require(all.first { $0.amendments.contains { $0.status == .accepted } })
        #expect(accepted.contractVersion == 2 && accepted.contract.destination.hasPrefix("Entrepôt 3"))
        let rejected = try #require(all.first { $0.amendments.contains { $0.status == .rejected } })
        #expect(rejected.amendments.last?.answerReason?.isEmpty == false && rejected.amendments.last?.routeFreight != nil)
        #expect(rejected.contract.namedPlace != rejected.amendments.last?.contract.namedPlace)
    }

    @Test func sameDayGivesTheSameDatabase() throws {
        let (f1, a) = try Self.build()
        let (f2, b) = try Self.build()
        defer { _ = (f1, f2) }
        #expect(try a.check().chainHead == b.check().chainHead)
    }
}

/// A private temporary folder, removed when released.
final class TestFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}
