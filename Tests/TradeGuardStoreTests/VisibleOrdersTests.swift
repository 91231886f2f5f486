import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Who sees which orders in a listing (`tradeguard orders`), and the k-way merge of keyset pages
/// that streams the platform's view: every order exactly once, in order, whatever the page size.
@Suite struct VisibleOrdersTests {
    static let nova = Actor.party(try! Handle("nova"), .buyer)

    /// acme drafts three orders with hanse (submits two) and one with nova (submits it); hanse
    /// drafts two with acme and nova one: drafts on both sides, several parties, several states.
    static func fixture() throws -> TestStore {
        let t = try TestStore()
        try t.store.addParty(Party(handle: try Handle("nova"), kind: .buyer, name: "Nova Retail", country: "CN",
                                   email: "buy@nova.example", memberSince: try CalendarDate.parse("2021-06-01")))
        let acme = try Handle("acme"), hanse = try Handle("hanse"), nova = try Handle("nova")
        for n in 0..<3 {
            let order = try t.store.draft(TestStore.contract(), counterparty: hanse, as: TestStore.supplier)
            if n < 2 { try t.store.perform(.submit, on: order.code, as: TestStore.supplier) }
            t.clock.advance(try ClockStep.parse("1h"))   // distinct deadlines
        }
        let toNova = try t.store.draft(TestStore.contract(), counterparty: nova, as: TestStore.supplier)
        try t.store.perform(.submit, on: toNova.code, as: TestStore.supplier)
        for _ in 0..<2 { _ = try t.store.draft(TestStore.contract(), counterparty: acme, as: TestStore.buyer) }
        _ = try t.store.draft(TestStore.contract(), counterparty: acme, as: Self.nova)
        return t
    }

    static func drain(_ merged: MergedOrders) throws -> [OrderListing] {
        var merged = merged
        var rows: [OrderListing] = []
        while let row = try merged.next() { rows.append(row) }
        return rows
    }

    /// Every order in the file, by code, with its state (the truth the listings are held to).
    static func everyOrder(_ store: Store) throws -> [(code: Int64, state: String)] {
        try store.db.query("SELECT id, state FROM orders ORDER BY id") { ($0.int(0), $0.text(1)) }
    }

    @Test(arguments: [1, 2, 3, 500])
    func thePlatformSeesEveryOrderOnceInCodeOrder(pageSize: Int) throws {
        let t = try Self.fixture()
        let rows = try Self.drain(try t.store.visibleOrders(to: nil, state: nil, pageSize: pageSize))
        let all = try Self.everyOrder(t.store)
        #expect(all.count == 7)
        #expect(rows.map(\.code.number) == all.map(\.code), "page size \(pageSize)")
    }

    @Test func aPartySeesItsOwnOrdersButNotTheOtherSidesDrafts() throws {
        let t = try Self.fixture()
        let hanse = try Self.drain(try t.store.visibleOrders(to: TestStore.buyer, state: nil, pageSize: 2))
        // Its two submitted orders from acme and its own two drafts; acme's draft to it stays hidden.
        #expect(hanse.count == 4)
        #expect(hanse.allSatisfy { $0.state != .draft || $0.initiator == .buyer })
        #expect(hanse.map(\.code.number) == hanse.map(\.code.number).sorted())
        let acme = try Self.drain(try t.store.visibleOrders(to: TestStore.supplier, state: nil, pageSize: 2))
        // Its four orders (one still a draft); the buyers' three drafts stay hidden.
        #expect(acme.count == 4)
        #expect(acme.allSatisfy { $0.state != .draft || $0.initiator == .supplier })
    }

    @Test(arguments: OrderState.allCases)
    func aStateListsItsOrdersByDeadlineThenCode(_ state: OrderState) throws {
        let t = try Self.fixture()
        let rows = try Self.drain(try t.store.visibleOrders(to: nil, state: state, pageSize: 1))
        let expected = try Self.everyOrder(t.store).filter { $0.state == state.rawValue }.map(\.code)
        #expect(Set(rows.map(\.code.number)) == Set(expected) && rows.count == expected.count, "\(state)")
        let keys = rows.map { ($0.nextDeadline?.secondsSinceEpoch ?? Int64.max, $0.code.number) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "\(state): \(keys)")
    }
}
