import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

struct SeederTests {
    @Test func seedsAnEmptyFileWithConsistentHistories() throws {
        let folder = try TestFolder()
        let store = try Store(path: folder.path("seed.sqlite"), timeSource: ManualTimeSource(Instant.parse("2026-11-27T09:00:00Z")!))
        var progress: [Int] = []
        let report = try Seeder.seed(store, orders: 1_200, seed: 7) { progress.append($0) }
        #expect(report.orders == 1_200 && progress.last == 1_200)
        let check = try store.check()
        #expect(check.faults == [])
        #expect(check.orders == 1_200)
        #expect(check.events > 1_200 * 10)
        let states = Set(try store.db.query("SELECT DISTINCT state FROM orders", []) { OrderState(rawValue: $0.text(0))! })
        // Everything but a standing dispute happens at scale; disputes resolve within days.
        #expect(states.isSuperset(of: [.draft, .awaitingConfirmation, .awaitingPayment, .advancePaid, .inProduction, .shipped,
                                       .completed, .closed, .cancelled, .refunded]), "\(states)")
        // Closed orders grew the big supplier's limit.
        let big = try store.limitSummary(try Handle("seed-s0001"))
        #expect(big.latest?.closedCount ?? 0 > 40)
        #expect(big.granted.minorUnits > 100_000_00)
    }

    @Test func sameSeedSameDatabase() throws {
        let clock = ManualTimeSource(Instant.parse("2026-11-27T09:00:00Z")!)
        let a = try TestFolder(), b = try TestFolder()
        let first = try Store(path: a.path("s.sqlite"), timeSource: clock)
        let second = try Store(path: b.path("s.sqlite"), timeSource: clock)
        _ = try Seeder.seed(first, orders: 300, seed: 99)
        _ = try Seeder.seed(second, orders: 300, seed: 99)
        #expect(try first.check().chainHead == second.check().chainHead)
    }

    @Test func seedsOnTopOfTheDemo() throws {
        let (folder, store) = try DemoDataTests.build()
        defer { _ = folder }
        _ = try Seeder.seed(store, orders: 300, seed: 3)
        let report = try store.check()
        #expect(report.faults == [])
        #expect(report.orders >= 340)
    }
}
