import Foundation
import Testing
import TradeGuardApplication
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The hint bar offers an order action exactly when the domain's precheck allows it for the
/// order in view and the party acting (issue 19: `a accept` with no extension pending, `p pay`
/// on a completed order, `t tick` with the checklist done).
struct HintTruthTests {
    /// "p pay" for each order action the bar may show, by action.
    static let actionHints: [(OrderAction, String)] = ActionCatalogue.keyed.map { entry in
        (entry.action, "\(entry.key.map(String.init) ?? "") \(entry.hint ?? "")")
    }

    /// The order actions the bar shows now.
    static func offered(_ runner: ScriptRunner) -> Set<String> {
        let bar = runner.terminal.screen.line(runner.terminal.size.rows - 1)
        let tokens = Set(bar.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) })
        return Set(actionHints.map(\.1).filter(tokens.contains))
    }

    /// What the domain allows `actor` on `code` now, as hint-bar tokens.
    static func allowed(_ store: Store, _ code: OrderCode, _ actor: Actor) throws -> Set<String> {
        let order = try store.order(code, as: actor)
        let context = try store.actionContext(for: order)
        return Set(actionHints.filter { Workflow.precheck($0.0, on: order, by: actor, context: context) == nil }.map(\.1))
    }

    @Test func everyOrderOfEveryPartyOffersWhatTheDomainAllows() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        var seen: [OrderState: Int] = [:]
        var refusedByAGuard = 0
        let parties = try store.allParties().filter { $0.party.kind == .supplier || $0.party.kind == .buyer }
        #expect(parties.contains { $0.party.kind == .supplier } && parties.contains { $0.party.kind == .buyer })
        for party in parties {
            let (app, runner) = try UIFixture.app(store, as: party.handle.value, rows: 30, cols: 320)
            let actor = Actor.party(party.handle, party.party.kind)
            try runner.run(Script.parse("key 7", name: "t"))
            let total = app.workspace?.orders.total ?? 0
            for index in 0..<total {
                if index > 0 { try runner.run(Script.parse("key j", name: "t")) }
                guard let row = app.workspace?.orders.selectedRow else { Issue.record("no row \(index)"); continue }
                let allowed = try Self.allowed(store, row.code, actor)
                #expect(Self.offered(runner) == allowed, "\(party.handle) \(row.code) (\(row.state)) in the list")
                // The commands agree (the help's "why disabled", a key pressed).
                for (action, token) in Self.actionHints {
                    let command = app.registry.command(named: "order.\(action.rawValue)")
                    #expect(command?.isEnabled(app) == allowed.contains(token), "\(party.handle) \(row.code) \(action)")
                    #expect((command?.disabledReason(app) == nil) == allowed.contains(token), "\(party.handle) \(row.code) \(action)")
                }
                // The same from the open detail.
                try runner.run(Script.parse("key Enter", name: "t"))
                #expect(Self.offered(runner) == allowed, "\(party.handle) \(row.code) (\(row.state)) in the detail")
                try runner.run(Script.parse("key Esc", name: "t"))
                seen[row.state, default: 0] += 1
                let byState = Set(Self.actionHints.filter { action, _ in
                    Workflow.precheck(action, state: row.state, code: row.code, supplier: (try? store.handles(of: row).supplier) ?? party.handle,
                                      buyer: (try? store.handles(of: row).buyer) ?? party.handle, initiator: row.initiator, by: actor) == nil
                }.map(\.1))
                refusedByAGuard += byState.subtracting(allowed).count
            }
        }
        // The demo covers the life of an order, and orders where only a guard says no.
        for state in [OrderState.draft, .awaitingConfirmation, .awaitingPayment, .advancePaid, .inProduction, .readyToShip, .shipped, .completed] {
            #expect(seen[state, default: 0] > 0, "no demo order is \(state)")
        }
        #expect(refusedByAGuard > 0)
    }

    /// The three findings, each on a screen, on orders whose state alone would allow the action.
    @Test func noAcceptWithoutARequestNoPayWhenNothingIsDueNoTickWhenAllAreTicked() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let orders = try store.db.query("SELECT id FROM orders ORDER BY id") { try store.order(OrderCode(number: $0.int(0))) }
        let completed = try #require(orders.first { $0.state == .completed && $0.payableNow == nil })
        let noRequest = try #require(orders.first { [.advancePaid, .inProduction, .readyToShip].contains($0.state) && $0.pendingExtension == nil })
        // A checklist ticked in full, through the workflow as the supplier would.
        let producing = try #require(orders.first { order in
            guard order.state == .inProduction else { return false }
            let supplier = Actor.party(order.supplier, .supplier)
            if !order.contactInTime { _ = try? store.perform(.logContact(note: "called"), on: order.code, as: supplier) }
            for item in order.missingChecklistItems { _ = try? store.perform(.tick(item, note: "ok"), on: order.code, as: supplier) }
            return (try? store.order(order.code).missingChecklistItems.isEmpty) == true
        })
        let supplier = Actor.party(producing.supplier, .supplier)
        for (order, actor, token) in [(completed, Actor.party(completed.buyer, .buyer), "p pay"),
                                      (noRequest, Actor.party(noRequest.buyer, .buyer), "a accept"),
                                      (producing, supplier, "t tick")] {
            let (_, runner) = try UIFixture.app(store, as: actor.handle!.value, rows: 30, cols: 320)
            try runner.run(Script.parse("key 7\nkey /\ntype \"\(order.code)\"\nkey Enter\nkey Enter", name: "t"))
            #expect(runner.terminal.screen.line(0).contains(order.code.description) || runner.terminal.screen.text.contains("\(order.code)"))
            #expect(!Self.offered(runner).contains(token), "\(order.code): \(runner.terminal.screen.line(29))")
        }
    }

    /// An unfinished draft is not offered to submit, and `u` still lists all that needs fixing.
    @Test func anUnfinishedDraftSaysEverythingThatNeedsFixing() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let orders = try store.db.query("SELECT id FROM orders ORDER BY id") { try store.order(OrderCode(number: $0.int(0))) }
        let draft = try #require(orders.first { $0.state == .draft && $0.supplier == DemoCast.bright && $0.initiator == .supplier })
        var contract = draft.contract
        contract.destination = ""
        contract.lines = []
        try store.perform(.edit(contract), on: draft.code, as: .party(draft.supplier, .supplier))
        let (app, runner) = try UIFixture.app(store, as: draft.supplier.value, rows: 30, cols: 320)
        try runner.run(Script.parse("key 7\nkey /\ntype \"\(draft.code)\"\nkey Enter\nkey Enter", name: "t"))
        #expect(!Self.offered(runner).contains("u submit"))
        try runner.run(Script.parse("key u\nexpect \"cannot be submitted yet\"", name: "t"))
        guard case .message? = app.overlay else { Issue.record("no list of problems"); return }
    }
}
