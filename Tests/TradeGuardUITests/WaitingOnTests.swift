import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// "Awaiting you" tells the truth (issue 19): a balance due before shipment and unpaid is the
/// buyer's move, so the buyer's Overview lists it instead of "Nothing is waiting for you".
struct WaitingOnTests {
    @Test func theBuyersOverviewListsABalanceThatHoldsTheShipment() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (_, runner) = try UIFixture.app(store, as: "hanse-kuechen", rows: 40, cols: 120)
        let screen = runner.terminal.screen.text
        #expect(!screen.contains("Nothing is waiting for you"), "\(screen)")
        #expect(screen.contains("TG-0000027"), "the balance of US$20,720.00 holds its shipment")
        #expect(screen.contains("Awaiting you 2"))
    }

    @Test func everyPartysAwaitingListIsWhatTheDomainSaysAwaitsThem() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let orders = try store.db.query("SELECT id FROM orders ORDER BY id") { try store.order(OrderCode(number: $0.int(0))) }
        var blocked = 0
        for party in try store.allParties() where party.party.kind == .supplier || party.party.kind == .buyer {
            let side = party.party.kind
            let other: PartyKind = side == .supplier ? .buyer : .supplier
            let visible = orders.filter { ($0.supplier == party.handle || $0.buyer == party.handle) && Store.canSee($0, .party(party.handle, side)) }
            for kind in [side, other] {
                let listed = try store.listOrders(for: party.handle, side: side, scope: .waitingOn(kind), sort: .deadline, limit: 500).map(\.code)
                let expected = visible.filter { $0.awaits(kind) }.map(\.code)
                #expect(Set(listed) == Set(expected), "\(party.handle) awaiting \(kind)")
                #expect(try store.orderCounts(for: party.handle, side: side).count(.waitingOn(kind)) == expected.count, "\(party.handle) \(kind)")
            }
            blocked += visible.filter(\.balanceBlocksShipment).count
        }
        #expect(blocked > 0, "the demo has no balance holding a shipment")
    }

    /// The Overview's counts of disputes waiting on each side (the demo's open disputes await
    /// the buyer, the supplier and the platform, and one is of the older form): what the domain
    /// says of each disputed order.
    @Test func disputesAwaitingEachSideAreCountedAsTheDomainSays() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let disputed = try store.db.query("SELECT id FROM orders WHERE state = 'disputed' ORDER BY id") { try store.order(OrderCode(number: $0.int(0))) }
        try #require(disputed.contains { $0.dispute?.negotiation != nil && $0.waitingOnKind != .platform }, "the seed has no negotiated dispute before escalation")
        var checked = 0
        for party in Set(disputed.flatMap { [$0.supplier, $0.buyer] }) {
            let record = try store.party(party)
            let side = record.party.kind
            let theirs = disputed.filter { ($0.supplier == party || $0.buyer == party) && Store.canSee($0, .party(party, side)) }
            let counts = try store.orderCounts(for: party, side: side)
            for kind in [PartyKind.supplier, .buyer] {
                let expected = theirs.filter { $0.dispute?.negotiation != nil && $0.waitingOnKind == kind }.count
                #expect(counts.negotiatedDisputes[kind] ?? 0 == expected, "\(party) \(kind)")
                checked += expected
            }
        }
        #expect(checked > 0)
    }
}
