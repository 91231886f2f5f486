import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Issue 21's leftover: the seeder gives a share of orders the balance due after shipment, and a
/// few slow payers' the supplier's balance claim, in each of its states; the endings that find
/// against the buyer add the buyer's violation points as the store does, so `check` replays
/// the parties too.
struct SeederBalanceClaimTests {
    static let clock = ManualTimeSource(Instant.parse("2026-11-27T09:00:00Z")!)
    /// Every buyer but the big one slow, and every such balance unpaid: a few thousand orders
    /// then hold each state (the real shares need a million for the ones in flight).
    static let everyBalanceClaimed = SeedBalance.Shares(afterShipment: 100, unpaid: 100, everyBuyerSlow: true)

    static func stages(_ store: Store) throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: try store.db.query("""
            SELECT coalesce(outcome || ' ' || coalesce(remedy, '-'), stage), count(*) FROM disputes
            WHERE kind = 'balance-unpaid' GROUP BY 1
            """, []) { ($0.text(0), $0.int(1)) })
    }

    @Test func aFewThousandOrdersHoldBalanceClaimsInEveryStateAndCheckClean() throws {
        let folder = try TestFolder()
        let store = try Store(path: folder.path("claims.sqlite"), timeSource: Self.clock)
        _ = try Seeder.seed(store, orders: 3_000, seed: 21, balance: Self.everyBalanceClaimed)
        #expect(try store.check().faults == [])
        let stages = try Self.stages(store)
        for stage in ["awaiting-buyer", "escalated", "withdrawn -", "decided none", "agreed pay-balance", "decided pay-balance"] {
            #expect(stages[stage, default: 0] > 0, "no balance claim \(stage): \(stages)")
        }
        // Waiting for the platform since its escalation, by the buyer or by the clock.
        #expect(try store.db.scalarInt("SELECT count(*) FROM disputes WHERE kind = 'balance-unpaid' AND stage = 'escalated' AND escalated_at IS NULL") == 0)
        // Each open claim holds its order disputed.
        #expect(try store.db.scalarInt("""
            SELECT count(*) FROM disputes d JOIN orders o ON o.id = d.order_id
            WHERE d.kind = 'balance-unpaid' AND d.resolved_at IS NULL AND o.state = 'disputed'
            """) ?? 0 == stages["awaiting-buyer", default: 0] + stages["escalated", default: 0])
        print("balance claims by stage: \(stages.sorted { $0.key < $1.key })")
        // The buyer bears the points (6 agreed, 48 decided), and nobody else any.
        #expect(try store.db.scalarInt("""
            SELECT count(*) FROM disputes WHERE coalesce(points, 0) <> CASE
              WHEN kind = 'balance-unpaid' AND remedy = 'pay-balance' AND outcome = 'agreed' THEN 6
              WHEN kind = 'balance-unpaid' AND remedy = 'pay-balance' AND outcome = 'decided' THEN 48 ELSE 0 END
            """) == 0)
        #expect(try store.db.scalarInt("""
            SELECT count(*) FROM parties p WHERE p.violation_points <> (SELECT coalesce(sum(d.points), 0) FROM disputes d
              JOIN orders o ON o.id = d.order_id WHERE o.buyer_id = p.id OR (o.supplier_id = p.id AND d.kind <> 'balance-unpaid'))
            """) == 0)
        #expect(try store.db.scalarInt("SELECT count(*) FROM parties WHERE kind = 'buyer' AND violation_points > 0") ?? 0 > 0)
        // Paid after receipt once agreed or decided: the order closes settled.
        #expect(try store.db.scalarInt("""
            SELECT count(*) FROM disputes d JOIN orders o ON o.id = d.order_id
            WHERE d.kind = 'balance-unpaid' AND d.remedy = 'pay-balance' AND o.state = 'closed'
              AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.term = 'balance')
            """) == 0)
    }

    /// A second seed adds to the points the first gave its buyers.
    @Test func aSecondSeedAddsToTheBuyersPoints() throws {
        let folder = try TestFolder()
        let store = try Store(path: folder.path("twice.sqlite"), timeSource: Self.clock)
        _ = try Seeder.seed(store, orders: 1_500, seed: 4, balance: Self.everyBalanceClaimed)
        let first = try store.db.scalarInt("SELECT sum(violation_points) FROM parties") ?? 0
        _ = try Seeder.seed(store, orders: 1_500, seed: 5, balance: Self.everyBalanceClaimed)
        #expect(try store.check().faults == [])
        let second = try store.db.scalarInt("SELECT sum(violation_points) FROM parties") ?? 0
        #expect(first > 0 && second > first)
        #expect(second == (try store.db.scalarInt("SELECT sum(points) FROM disputes") ?? -1))
    }

    /// The real shares: a small share of orders, the big buyer never among them.
    @Test func theRealSharesAreSmall() throws {
        let folder = try TestFolder()
        let store = try Store(path: folder.path("real.sqlite"), timeSource: Self.clock)
        _ = try Seeder.seed(store, orders: 3_000, seed: 11)
        #expect(try store.check().faults == [])
        let after = try store.db.scalarInt("SELECT count(*) FROM payment_terms WHERE term = 'balance' AND due = 'afterShipment'") ?? 0
        #expect(after >= 150 && after <= 450, "\(after) of 3,000 orders pay the balance after shipment")
        let claims = try store.db.scalarInt("SELECT count(*) FROM disputes WHERE kind = 'balance-unpaid'") ?? 0
        #expect(claims >= 1 && claims <= 30, "\(claims) balance claims in 3,000 orders")
        #expect(try store.db.scalarInt("""
            SELECT count(*) FROM disputes d JOIN orders o ON o.id = d.order_id JOIN parties b ON b.id = o.buyer_id
            WHERE d.kind = 'balance-unpaid' AND b.handle = 'seed-b0001'
            """) == 0)
    }
}
