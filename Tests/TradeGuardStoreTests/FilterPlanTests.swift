import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// A filter keystroke starts from the view or from the text's matches (`FilterPlan`, issue 19):
/// every start gives the answer of the trigram and short-piece indexes kept to the view, and the
/// queries behind them read what their plan says.
@Suite(.serialized) struct FilterPlanTests {
    nonisolated(unsafe) static let shared: (TestFolder, Store) = try! DemoDataTests.build()
    var store: Store { Self.shared.1 }

    /// Texts the indexes answer: every order, codes, states, names folded, CJK pieces, a miss.
    static let texts = ["tg-", "TG-000", "closed", "Draft", "In Production", "yildiz", "küchen", "led panel", "田", "田中",
                        "上海美华", "shenzhen", "hanse-kuechen", "zzzq"]
    static let scopes: [OrderScope] = QueryTests.scopes

    func parties() throws -> [(Handle, PartyKind)] {
        try store.allParties().filter { $0.party.kind != .platform }.map { ($0.handle, $0.party.kind) }
    }

    /// The orders in view, by listing them.
    func view(_ party: Handle, _ side: PartyKind, _ scope: OrderScope) throws -> Set<Int64> {
        Set(try store.listOrders(for: party, side: side, scope: scope, sort: scope == .all ? .code : .deadline, limit: 10_000)
            .map(\.code.number))
    }

    /// What the indexes match (the FTS5 MATCH or the short pieces), in code order.
    func indexed(_ text: String) throws -> [Int64] {
        let (sql, arg) = try #require(Store.indexedMatches(SearchFolding.fold(text)))
        return try store.db.query(sql, [arg]) { $0.int(0) }.sorted()
    }

    @Test func everyStartGivesTheIndexesAnswerKeptToTheView() throws {
        for (party, side) in try parties() {
            for scope in Self.scopes {
                let inView = try view(party, side, scope)
                for text in Self.texts {
                    let expected = try indexed(text).filter(inView.contains)
                    // 0: the matches walked (checked on the view's ids or rows); the default: the
                    // view read or the few matches kept to it.
                    for firstLimit in [0, FilterPlan.scopeFirstLimit] {
                        for limit in [3, 1_000] {
                            let found = try store.searchOrders(for: party, side: side, scope: scope, text: text, limit: limit,
                                                               counting: true, scopeFirstLimit: firstLimit)
                            let what = "\(party) \(scope) \(text) limit \(limit) from \(firstLimit)"
                            #expect(found.rows.map(\.code.number) == Array(expected.prefix(limit)), "\(what)")
                            #expect(found.matchCount == min(expected.count, 1_001) && !found.isLowerBound, "\(what)")
                            let page = try store.searchOrders(for: party, side: side, scope: scope, text: text, limit: limit,
                                                              counting: false, scopeFirstLimit: firstLimit)
                            #expect(page.rows.map(\.code) == found.rows.map(\.code), "\(what) without counting")
                            #expect(page.isLowerBound == (page.rows.count == limit), "\(what) without counting")
                        }
                    }
                }
            }
        }
    }

    @Test func theStartFollowsTheViewsSizeAndTheTextsMatches() throws {
        let matches = { (text: String) in try #require(Store.indexedMatches(SearchFolding.fold(text))) }
        func start(_ scope: OrderScope, _ text: String, side: PartyKind = .supplier, limit: Int = FilterPlan.scopeFirstLimit) throws -> FilterPlan.Start {
            try store.read {
                try store.filterStart(for: side == .supplier ? DemoCast.bright : DemoCast.hanse, side: side, scope: scope,
                                      matches: try matches(text), scopeFirstLimit: limit)
            }
        }
        // Every order matches "tg-": a small queue is read and each of its orders checked.
        #expect(try start(.queue(.confirmations), "tg-") == .view)
        // A miss, or a text with fewer matches than twice the view: the matches, kept to it.
        #expect(try start(.queue(.confirmations), "zzzq") == .allMatches([]))
        // An Orders tab with an eighth of all orders or more walks the matches; a smaller one
        // keeps a text's few matches to itself.
        let orders = try store.orderCounts(for: DemoCast.bright, side: .supplier).count(.all)
        let all = Int(try store.db.scalarInt("SELECT max(id) FROM orders") ?? 0)
        #expect(try start(.all, "zzzq") == (orders * 8 >= all ? .matches : .allMatches([])))
        // Past the limit: a work queue's matches checked on its ids, the Orders tab's on their rows.
        #expect(try start(.queue(.confirmations), "tg-", limit: 0) == .matchesInView)
        #expect(try start(.all, "tg-", limit: 0) == .matches)
        #expect(try start(.waitingOn(.buyer), "tg-", side: .buyer) == .matches)
    }

    /// Typing a text a character at a time (and taking one back), each keystroke reading only
    /// what the last one left possible gives what walking the matches gives — also after a
    /// write of this connection moved an order into the queue.
    @Test func typingNarrowsToWhatWalkingTheMatchesFinds() throws {
        let (folder, store) = try DemoDataTests.build()
        defer { store.close(); _ = folder }
        func type(_ text: String, in scope: OrderScope, _ what: String) throws {
            for end in text.indices {
                let typed = String(text[...end])
                for (limit, counting) in [(2, false), (2, true), (1_000, false)] {
                    let read = try store.searchOrders(for: DemoCast.bright, side: .supplier, scope: scope, text: typed, limit: limit,
                                                      counting: counting, scopeFirstLimit: FilterPlan.scopeFirstLimit)
                    let walked = try store.searchOrders(for: DemoCast.bright, side: .supplier, scope: scope, text: typed, limit: limit,
                                                        counting: counting, scopeFirstLimit: 0)
                    #expect(read == walked, "\(what) \(scope) \(typed) \(limit) \(counting)")
                }
            }
        }
        for scope in [OrderScope.queue(.shipped), .queue(.predelivery), .queue(.confirmations), .all] {
            try type("tg-00000", in: scope, "typing")
            try type("tg-000", in: scope, "one taken back")
            try type("shenzhen bright", in: scope, "a name")
        }
        #expect(store.lastViewProbe?.query.hasPrefix("shenzhen") == true, "the view was read for the last text")
        try type("tg-0000", in: .queue(.shipped), "before the shipment")
        let ready = try #require(try store.listOrders(for: DemoCast.bright, side: .supplier, scope: .state(.readyToShip), sort: .deadline).first)
        let order = try store.order(ready.code)
        try store.perform(.ship(carrier: "Hapag-Lloyd", tracking: "HLCU-ZX81920"), on: order.code, as: .party(order.supplier, .supplier))
        try type("tg-00000", in: .queue(.shipped), "after the shipment")
        #expect(try store.searchOrders(for: DemoCast.bright, side: .supplier, scope: .queue(.shipped), text: "tg-00000", limit: 1_000)
            .rows.contains { $0.code == order.code })
    }

    /// Read in chunks of 2, a keystroke that found its page of 2 in the first ids leaves the
    /// rest of the view unread; the next, longer text must read them (TG-000004x come later).
    @Test func narrowingReadsWhatTheLastKeystrokeLeftUnread() throws {
        let record = try store.party(DemoCast.bright)
        let visible = "supplier_id = ? AND supplier_queue <> 'hidden'"
        let inView = try view(DemoCast.bright, .supplier, .all)
        for text in ["tg-000004", "tg-00001", "shenzhen bright", "tg-000002"] {
            for end in text.indices.dropFirst(2) {
                let typed = SearchFolding.fold(String(text[...end]))
                let probe = try #require(FilterPlan.probe(typed))
                let page = try store.read {
                    try store.pageOfView(probe, query: typed, visible: visible, [.int(record.id)], scope: .all, limit: 2, counting: false,
                                         firstChunk: 2)
                }
                #expect(page.rows.map(\.code.number) == Array(try indexed(typed).filter(inView.contains).prefix(2)), "\(typed)")
            }
        }
    }

    /// A short prefix finds and counts each order once: "ha" and "Ha" are one range of a
    /// COLLATE NOCASE column (the count was doubled before).
    @Test func aShortPrefixIsFoundAndCountedOnce() throws {
        for (party, side) in try parties() {
            for scope in Self.scopes {
                let listed = try store.listOrders(for: party, side: side, scope: scope, sort: scope == .all ? .code : .deadline, limit: 10_000)
                for prefix in ["ha", "Ha", "s"] {
                    let expected = listed.filter { $0.counterpartyName(from: side).lowercased().hasPrefix(prefix.lowercased()) }
                    let found = try store.searchOrders(for: party, side: side, scope: scope, text: prefix, limit: 1_000)
                    #expect(Set(found.rows.map(\.code)) == Set(expected.map(\.code)) && found.rows.count == expected.count, "\(party) \(scope) \(prefix)")
                    #expect(found.matchCount == expected.count, "\(party) \(scope) \(prefix)")
                }
            }
        }
    }

    func steps(_ sql: String, _ args: [Value]) throws -> [String] {
        try store.db.query("EXPLAIN QUERY PLAN " + sql, args) { $0.text(3) }
    }

    /// Reading the view: its ids from its own index (never the party's orders by code, which
    /// would read each row for its queue), then the text of a chunk of them by id — the file's
    /// matches are never walked.
    @Test func readingTheViewUsesItsIndexAndTheTextByID() throws {
        for (side, index) in [(PartyKind.supplier, "orders_supplier_queue"), (.buyer, "orders_buyer_queue")] {
            let visible = "\(side == .supplier ? "supplier" : "buyer")_id = ? AND \(side.rawValue)_queue = ?"
            let ids = try steps(FilterPlan.viewIDs(visible), [.int(1), .text("drafts")])
            #expect(ids.contains { $0.contains("COVERING INDEX \(index)") } && !ids.contains { $0.contains("SCAN") }, "\(side): \(ids)")
        }
        // A piece is looked up by (order, piece), through either of its table's indexes.
        for (text, step) in [("towel", ["SEARCH c USING INTEGER PRIMARY KEY (rowid=?)"]), ("田", ["SEARCH g", "order_id=?", "gram=?"])] {
            let probe = try #require(FilterPlan.probe(SearchFolding.fold(text)))
            let plan = try steps(probe.sql("3,1,2"), [probe.arg])
            #expect(plan.contains { line in step.allSatisfy(line.contains) } && !plan.contains { $0.contains("SCAN") || $0.contains("VIRTUAL TABLE") },
                    "\(text): \(plan)")
        }
    }

    /// Walking the matches of a large work queue: the FTS5 table in rowid order, each rowid
    /// checked against the queue's ids (one set) before its order row — not the ids looked up
    /// in the FTS5 table one by one and sorted, which is what SQLite does without the unary +.
    @Test func walkingTheMatchesChecksTheQueuesIDsBeforeTheRows() throws {
        let matches = try #require(Store.indexedMatches("towel"))
        let (from, args) = FilterPlan.from(.matchesInView, matches: matches, visible: "supplier_id = ? AND supplier_queue = ?",
                                           [.int(1), .text("drafts")])
        let plan = try steps("SELECT orders.id FROM \(from) ORDER BY m.rid LIMIT 100", args)
        #expect(plan.first?.contains("SCAN order_search VIRTUAL TABLE") == true, "\(plan)")
        #expect(plan.contains { $0.contains("LIST SUBQUERY") }, "\(plan)")
        #expect(plan.contains { $0.contains("COVERING INDEX orders_supplier_queue") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    /// A short prefix in a work queue: the range of the name index, each entry checked against
    /// the queue's ids, in the index's order — the same rows as reading each order's queue.
    @Test func aPrefixInAWorkQueueChecksTheQueuesIDsOnTheNameIndex() throws {
        for (party, side) in try parties() {
            let plan = QueryPlan(side: side, scope: .queue(.drafts), sort: .code)
            let record = try store.party(party)
            let visible = "\(plan.partyColumn) = ? AND \(side.rawValue)_queue = ?"
            let visibleArgs: [Value] = [.int(record.id), .text("drafts")]
            let name = side == .supplier ? "buyer_name" : "supplier_name"
            for prefix in ["H", "Ha", "S", "田", "Y"] {
                let fast = FilterPlan.namePrefix(prefix, party: record.id, plan: plan, visible: visible, visibleArgs, viewIDs: true)
                let plain = FilterPlan.namePrefix(prefix, party: record.id, plan: plan, visible: visible, visibleArgs, viewIDs: false)
                let read = { (from: (sql: String, args: [Value])) in
                    try store.db.query("SELECT id FROM \(from.sql) ORDER BY \(name), id", from.args) { $0.int(0) }
                }
                #expect(try read(fast) == read(plain), "\(party) \(prefix)")
                let steps = try steps("SELECT id FROM \(fast.sql) ORDER BY \(name), id LIMIT 100", fast.args)
                #expect(steps.contains { $0.contains("orders_\(side.rawValue)_by_\(side == .supplier ? "buyer" : "supplier")") }, "\(steps)")
                #expect(steps.contains { $0.contains("LIST SUBQUERY") } && !steps.contains { $0.contains("TEMP B-TREE") }, "\(steps)")
            }
        }
    }

    /// The platform's queues: read in code order from the open disputes' index, each checked
    /// against the text, they give what walking the matches gave.
    @Test func thePlatformsQueuesGiveTheSameFromTheirDisputes() throws {
        let platform = try #require(try store.allParties().first { $0.party.kind == .platform }).handle
        for queue in DisputeQueue.allCases {
            for text in Self.texts {
                for limit in [2, 1_000] {
                    let walked = try store.searchOrders(for: platform, side: .platform, scope: .disputes(queue), text: text, limit: limit,
                                                        counting: true, scopeFirstLimit: -1)
                    let read = try store.searchOrders(for: platform, side: .platform, scope: .disputes(queue), text: text, limit: limit,
                                                      counting: true, scopeFirstLimit: FilterPlan.scopeFirstLimit)
                    #expect(read.rows.map(\.code) == walked.rows.map(\.code), "\(queue) \(text) \(limit)")
                    #expect(read.matchCount == walked.matchCount, "\(queue) \(text) \(limit)")
                    if queue == .open && text == "tg-" { #expect(!read.rows.isEmpty, "the demo has open disputes") }
                }
            }
            let check = try #require(FilterPlan.textCheck("towel", id: "d.order_id"))
            let plan = try steps("SELECT orders.id FROM \(queue.checkedFrom(check.sql)) ORDER BY d.order_id LIMIT 10", [check.arg])
            #expect(plan.first?.contains("disputes_one_open") == true, "\(queue): \(plan)")
            #expect(plan.contains { $0.contains("SEARCH c USING INTEGER PRIMARY KEY") } && !plan.contains { $0.contains("TEMP B-TREE") },
                    "\(queue): \(plan)")
        }
    }
}
