import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// The lists behind every tab: keyset pages that tile the list exactly in both directions,
/// counts that match a real count, and query plans that use an index without sorting.
@Suite(.serialized) struct QueryTests {
    /// Built once (it takes seconds); safe to share because the suite is serialized and only reads.
    nonisolated(unsafe) static let shared: (TestFolder, Store) = try! DemoDataTests.build()
    var store: Store { Self.shared.1 }

    static let scopes: [OrderScope] = [.all, .payable, .waitingOn(.supplier), .waitingOn(.buyer), .state(.inProduction)]
        + OrderQueue.allCases.map { .queue($0) }

    /// Every (party, side, scope, sort) the UI can ask for.
    func cases() throws -> [(Handle, PartyKind, OrderScope, OrderSort)] {
        let parties = try store.allParties().filter { $0.party.kind != .platform }
        return parties.flatMap { p in
            Self.scopes.flatMap { scope in
                (scope == .all ? OrderSort.allCases : [.deadline]).map { (p.handle, p.party.kind, scope, $0) }
            }
        }
    }

    @Test func pagesTileTheListInBothDirections() throws {
        for (party, side, scope, sort) in try cases() {
            let whole = try store.listOrders(for: party, side: side, scope: scope, sort: sort, limit: 10_000)
            // Forward in pages of 3.
            var forward: [OrderListing] = []
            var key: PageKey?
            while true {
                let page = try store.listOrders(for: party, side: side, scope: scope, sort: sort, after: key, limit: 3)
                forward += page
                guard let last = page.last, page.count == 3 else { break }
                key = store.pageKey(of: last, side: side, sort: sort)
            }
            #expect(forward.map(\.code) == whole.map(\.code), "\(party) \(scope) \(sort) forward")
            // Backward from the end in pages of 4.
            var backward: [OrderListing] = []
            key = nil
            while true {
                let page = try store.listOrders(for: party, side: side, scope: scope, sort: sort, after: key, direction: .backward, limit: 4)
                backward = page + backward
                guard let first = page.first, page.count == 4 else { break }
                key = store.pageKey(of: first, side: side, sort: sort)
            }
            #expect(backward.map(\.code) == whole.map(\.code), "\(party) \(scope) \(sort) backward")
            // The sort really is the order the list comes in.
            let keys = whole.map { store.pageKey(of: $0, side: side, sort: sort).values }
            #expect(keys == keys.sorted { lexicographicallyPrecedes($0, $1) }, "\(party) \(scope) \(sort) sorted")
        }
    }

    @Test func countsMatchARealCount() throws {
        for party in try store.allParties() where party.party.kind != .platform {
            let counts = try store.orderCounts(for: party.handle, side: party.party.kind)
            for scope in Self.scopes {
                let listed = try store.listOrders(for: party.handle, side: party.party.kind, scope: scope,
                                                  sort: scope == .all ? .code : .deadline, limit: 10_000).count
                #expect(counts.count(scope) == listed, "\(party.handle) \(scope)")
            }
        }
    }

    /// List rows carry party ids; their handles, read on demand or learned ahead in one read,
    /// are the order's own supplier and buyer.
    @Test func aListedRowsHandlesAreItsOrdersParties() throws {
        let rows = try store.listOrders(for: DemoCast.tanaka, side: .buyer, limit: 1_000)
        #expect(rows.count > 3)
        try store.learnHandles(of: rows.prefix(2).flatMap { [$0.supplierID, $0.buyerID] })
        for row in rows {
            let order = try store.order(row.code)
            let parties = try store.handles(of: row)
            #expect(parties.supplier == order.supplier && parties.buyer == order.buyer, "\(row.code)")
        }
    }

    @Test func noPartySeesAnotherSidesDraft() throws {
        // Shenzhen Bright has a buyer-drafted draft (from Tanaka): Tanaka sees it, Bright does not.
        let brightAll = try store.listOrders(for: DemoCast.bright, side: .supplier, limit: 1_000)
        let tanakaDrafts = try store.listOrders(for: DemoCast.tanaka, side: .buyer, scope: .queue(.drafts), sort: .deadline)
        #expect(!tanakaDrafts.isEmpty)
        #expect(!brightAll.contains { row in tanakaDrafts.contains { $0.code == row.code } })
        #expect(throws: StoreError.orderNotFound(tanakaDrafts[0].code)) {
            try store.order(tanakaDrafts[0].code, as: .party(DemoCast.bright, .supplier))
        }
    }

    /// The Overview counts a party's negotiated disputes waiting on either side from the
    /// party's range of disputed orders. With a plain JOIN of the disputes SQLite walked the
    /// party's orders (16 s before the first frame at a million orders); reading every open
    /// negotiated dispute of the platform, then each one's order by id, cost some 170 scattered
    /// pages on a cold start at that size.
    @Test func negotiatedDisputeCountsReadThePartysDisputedOrders() throws {
        for side in [PartyKind.supplier, .buyer] {
            let steps = try store.db.query("EXPLAIN QUERY PLAN " + Store.negotiatedWaiting(side: side), [.int(1)]) { $0.text(3) }
            #expect(steps.count == 1 || steps.allSatisfy { !$0.contains("disputes") }, "\(side): \(steps)")
            #expect(steps.first?.contains("orders_\(side.rawValue)_by_state") == true, "\(side): \(steps)")
            #expect(steps.first?.contains("state=? AND deadline_sort<?") == true, "\(side): \(steps)")
        }
    }

    /// The Overview's count of orders whose balance the buyer owes reads the side's partial
    /// index alone (before schema 10: up to 1,001 order rows before the first frame).
    @Test func balanceOwedCountsReadOnlyTheirPartialIndex() throws {
        for side in [PartyKind.supplier, .buyer] {
            let steps = try store.db.query("EXPLAIN QUERY PLAN " + Store.balanceOwedCount(side: side), [.int(1)]) { $0.text(3) }
            #expect(steps.contains { $0.contains("COVERING INDEX orders_\(side.rawValue)_balance_owed") }, "\(side): \(steps)")
        }
    }

    @Test func everyListQueryUsesAnIndexWithoutSorting() throws {
        for (party, side, scope, sort) in try cases() {
            let record = try store.party(party)
            let plan = QueryPlan(side: side, scope: scope, sort: sort)
            var sql = "SELECT id FROM orders WHERE \(plan.partyColumn) = \(record.id)"
            if let (predicate, values) = plan.scopePredicate {
                var text = predicate
                for value in values { if case let .text(v) = value { text = text.replacingOccurrences(of: "?", with: "'\(v)'") } }
                sql += " AND " + text
            }
            let keys = plan.keyColumns
            sql += " AND (\(keys.joined(separator: ","))) > (\(keys.map { _ in "0" }.joined(separator: ",")))"
            sql += " ORDER BY \(keys.joined(separator: ", ")) LIMIT 50"
            let steps = try store.db.query("EXPLAIN QUERY PLAN " + sql, []) { $0.text(3) }
            #expect(!steps.contains { $0.contains("TEMP B-TREE") }, "\(scope) \(sort): \(steps)")
            #expect(steps.contains { $0.contains("USING INDEX") || $0.contains("USING COVERING INDEX") }, "\(scope) \(sort): \(steps)")
        }
    }

    @Test func searchFindsSubstringsInAnyScriptAndShortPrefixes() throws {
        let meihua = try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "美华")
        // Two characters of a script written without spaces are a word: found inside the name.
        #expect(!meihua.rows.isEmpty && meihua.rows.allSatisfy { $0.buyerName.contains("美华") })
        let shanghai = try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "上海美华")
        #expect(!shanghai.rows.isEmpty && shanghai.rows.allSatisfy { $0.buyerName.contains("上海美华") })
        let kuechen = try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "küchen")
        #expect(!kuechen.rows.isEmpty && kuechen.rows.allSatisfy { $0.buyerName == "Hanse Küchen GmbH" })
        let led = try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "LED panel")
        #expect(led.matchCount > 0 && led.matchCount == led.rows.count)
        let prefix = try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "Ha")
        #expect(!prefix.rows.isEmpty && prefix.rows.allSatisfy { $0.buyerName.hasPrefix("Ha") })
        // Another supplier's orders never appear.
        let yiwu = try store.searchOrders(for: DemoCast.yiwu, side: .supplier, text: "LED panel")
        #expect(yiwu.rows.isEmpty)
        // Quotes and FTS syntax are searched literally, not interpreted.
        _ = try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "\" OR * NEAR(")
        _ = try store.searchOrders(for: DemoCast.bright, side: .supplier, text: "%_\\")
    }

    func lexicographicallyPrecedes(_ a: [Value], _ b: [Value]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            switch (x, y) {
            case let (.int(p), .int(q)): return p < q
            case let (.text(p), .text(q)): return p.lowercased() < q.lowercased() || (p.lowercased() == q.lowercased() && p < q)
            default: return false
            }
        }
        return a.count < b.count
    }
}
