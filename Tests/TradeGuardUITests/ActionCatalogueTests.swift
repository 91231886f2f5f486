import Foundation
import Testing
import TradeGuardApplication
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The action catalogue against what it describes: the domain's table and limits, the app's
/// keys, the walkthrough scripts and the README. Each test fails when one of them drifts.
struct ActionCatalogueTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")

    /// Who may take each action is who the transition table allows.
    @Test func takersAreTheTransitionTablesRoles() {
        for entry in ActionCatalogue.all {
            var kinds: Set<ActionTaker> = []
            for row in TransitionTable.rows where row.action == entry.action {
                switch row.by {
                case .initiator, .counterparty, .eitherParty: kinds.formUnion([.supplier, .buyer])
                case .supplier: kinds.insert(.supplier)
                case .buyer: kinds.insert(.buyer)
                case .platform: kinds.insert(.platform)
                case .system: kinds.insert(.system)
                }
            }
            #expect(Set(entry.takers) == kinds, "\(entry.name)")
            #expect(entry.takers.count == Set(entry.takers).count, "\(entry.name) names a taker twice")
        }
    }

    /// A key, a hint word and a command-line name each mean one action; the app offers by key
    /// exactly what a supplier or buyer may take and the platform's decision and resolution (in
    /// its own workspace), and `do` everything a person may take except the draft edit (`draft CODE`).
    @Test func keysHintsAndNamesAreUniqueAndCoverThePartiesActions() {
        let keys = ActionCatalogue.keyed.compactMap(\.key)
        #expect(keys.count == Set(keys).count)
        let hints = ActionCatalogue.keyed.compactMap(\.hint)
        #expect(hints.count == ActionCatalogue.keyed.count && hints.count == Set(hints).count)
        for entry in ActionCatalogue.all {
            let byAParty = entry.takers.contains(.supplier) || entry.takers.contains(.buyer)
            #expect(entry.inApp == (byAParty || entry.action == .decide || entry.action == .resolve), "\(entry.name)")
            #expect(entry.inCommandLine == (byAParty || entry.takers.contains(.platform)) && entry.action != .edit || entry.action == .edit && !entry.inCommandLine,
                    "\(entry.name)")
            let options = entry.fields.compactMap(\.option)
            #expect(options.count == Set(options).count, "\(entry.name)")
            #expect(entry.fields.filter { $0.option == nil }.allSatisfy { $0.kind == .checklistItem }, "\(entry.name)")
        }
        #expect(ActionCatalogue.entry(for: .pay).usage == "pay --amount A [--method tt|card|bank] [--key K]")
        #expect(ActionCatalogue.entry(for: .tick).usage == "tick ITEM [--note T]")
    }

    /// Each text field holds exactly what the domain stores: its longest text is taken, one
    /// character more is refused as too long by `Workflow.decide` itself.
    @Test func textLimitsAreTheDomains() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let orders = try store.db.query("SELECT id FROM orders ORDER BY id") { try store.order(OrderCode(number: $0.int(0))) }
        var checked = 0
        for entry in ActionCatalogue.all {
            for field in entry.fields {
                guard let max = field.maxLength else { continue }
                // An order and a party the table lets take the action (its guards may still refuse).
                let found = orders.lazy.compactMap { order -> (Order, Actor)? in
                    let actors = [Actor.party(order.supplier, .supplier), Actor.party(order.buyer, .buyer), Actor.platform]
                    return actors.first { Workflow.precheck(entry.action, state: order.state, code: order.code, supplier: order.supplier,
                                                            buyer: order.buyer, initiator: order.initiator, by: $0) == nil }.map { (order, $0) }
                }.first
                let (order, actor) = try #require(found, "no demo order where \(entry.name) may be taken")
                let context = try store.actionContext(for: order)
                func refusedAsTooLong(_ length: Int) throws -> Bool {
                    let command = try #require(Self.command(entry.action, field: field.label, text: String(repeating: "w", count: length), order: order))
                    do throws(Refusal) { _ = try Workflow.decide(order, command, by: actor, context: context); return false } catch {
                        if case .text(.tooLong) = error { return true }
                        return false
                    }
                }
                #expect(try !refusedAsTooLong(max), "\(entry.name) \(field.label): \(max) characters should be taken")
                #expect(try refusedAsTooLong(max + 1), "\(entry.name) \(field.label): \(max + 1) characters should be refused")
                checked += 1
            }
        }
        #expect(checked >= 9)
    }

    /// `action` with `text` in the field labelled `field` and valid values elsewhere.
    static func command(_ action: OrderAction, field: String, text: String, order: Order) -> OrderCommand? {
        let item = order.missingChecklistItems.first ?? .marks
        switch action {
        case .requestChanges: return .requestChanges(reason: text)
        case .cancel: return .cancel(reason: text)
        case .logContact: return .logContact(note: text)
        case .tick: return .tick(item, note: text)
        case .untick: return .untick(ChecklistItem.allCases.first { order.checklist[$0] != nil } ?? item, note: text)
        case .ship: return field == "Carrier" ? .ship(carrier: text, tracking: "1Z") : .ship(carrier: "DHL", tracking: text)
        case .requestExtension: return .requestExtension(days: 1, reason: text)
        case .dispute: return .dispute(reason: text, amount: nil)
        case .proposeChange:
            var moved = order.contract
            moved.destination = field == "Address" ? text : "Dock 2"
            return .proposeChange(moved, routeFreight: nil, reason: field == "Reason" ? text : "New dock")
        case .rejectChange: return .rejectChange(number: order.pendingAmendment?.number ?? 1, reason: text)
        case .counter: return .counter(remedy: .replacement, amount: nil, note: text)
        case .askEvidence: return .askEvidence(note: text)
        case .addEvidence: return field == "Description" ? .addEvidence(description: text, reference: "") : .addEvidence(description: "photos", reference: text)
        case .editClaim: return .editClaim(remedy: .replacement, amount: nil, note: text)
        case .withdraw: return .withdraw(reason: text)
        case .escalate: return .escalate(note: text)
        case .recordRefund: return .recordRefund(reference: text)
        case .decide: return .decide(remedy: .noRemedy, amount: nil, reasoning: text)
        case .claimBalance: return .claimBalance(reason: text)
        default: return nil
        }
    }

    /// Each action's key reaches its command from a queue and from a detail: nothing of the
    /// list or the detail shadows it, and the command is the catalogue's.
    @Test func everyKeyStartsItsAction() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, _) = try UIFixture.app(store, as: "shenzhen-bright")
        for entry in ActionCatalogue.keyed {
            let key = Key.character(try #require(entry.key))
            for context in [CommandContext.list, .detail] {
                let command = app.registry.command(for: key, in: context)
                #expect(command?.id == entry.commandName, "\(entry.name): \(key.name) runs \(command?.id ?? "nothing") in \(context)")
                #expect(command?.hint == entry.hint)
            }
            #expect(app.registry.command(named: entry.commandName)?.title.isEmpty == false)
        }
        // The palette and the help list every action the app offers, by the catalogue's name and title.
        let orderCommands = app.registry.commands.filter { $0.context == .order && $0.id != "order.link" }
        #expect(Set(orderCommands.map(\.id)) == Set(ActionCatalogue.keyed.map(\.commandName)))
        for entry in ActionCatalogue.keyed where entry.action != .edit {
            #expect(app.registry.command(named: entry.commandName)?.title == entry.title)
        }
    }

    /// Every key the walkthrough scripts press that starts an order action is that action's key
    /// in the catalogue, and the walkthroughs take the order's life from submit to receipt, and a dispute from claim to agreement, by key.
    @Test(arguments: BuiltInWalkthroughs.all.map(\.name))
    func walkthroughKeysAreTheCatalogues(_ name: String) throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let script = try Script.parse(try #require(BuiltInWalkthroughs.named(name)), name: name)
        let (app, runner) = try UIFixture.app(store, as: nil, rows: 30, cols: 100)
        var started: Set<OrderAction> = []
        for (line, step) in script.steps {
            if case let .key(key) = step, app.overlay == nil, app.workspace?.filterEditor == nil,
               let command = app.registry.command(for: key, in: app.context), command.context == .order, command.id != "order.link" {
                let action = try #require(OrderAction(rawValue: String(command.id.dropFirst("order.".count))))
                guard case let .character(character) = key else { Issue.record("\(name):\(line): \(key.name) is no character"); continue }
                #expect(ActionCatalogue.action(forKey: character) == action, "\(name):\(line): \(key.name) started \(action.rawValue)")
                started.insert(action)
            }
            try runner.run(step, line: line, file: name)
        }
        let expected: Set<OrderAction> = switch name {
        case "basics": [.submit, .confirm, .pay, .startProduction, .tick, .ready, .ship, .confirmReceipt]
        case "disputes": [.dispute, .addEvidence, .askEvidence, .counter, .agree]
        default: [.submit, .confirm]
        }
        #expect(started.isSuperset(of: expected), "\(name) started \(started.map(\.rawValue).sorted())")
    }

    /// The README's tables of actions are the catalogue's, row for row.
    @Test func readmeTablesAreTheCatalogues() throws {
        let lines = try String(contentsOf: Self.readme, encoding: .utf8).components(separatedBy: "\n")
        for expected in [ActionCatalogue.keyTable, ActionCatalogue.commandLineTable] {
            let starts = lines.indices.filter { lines[$0] == expected[0] }
            #expect(starts.count == 1, "README should have one table reading:\n\(expected.joined(separator: "\n"))")
            guard let start = starts.first else { continue }
            let table = Array(lines[start...].prefix { $0.hasPrefix("|") })
            #expect(table == expected, "README table differs from the catalogue; it should read:\n\(expected.joined(separator: "\n"))")
        }
    }

    /// The app asks before acting exactly when the catalogue says so: at once for an action
    /// without a form, after the form for one with fields; the others act (or open their form).
    @Test func theAppAsksFirstWhenTheCatalogueSays() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let orders = try store.db.query("SELECT id FROM orders ORDER BY id") { try store.order(OrderCode(number: $0.int(0))) }
        var checked: Set<OrderAction> = []
        for entry in OrderActions.keyed {
            let found = orders.lazy.compactMap { order -> (Order, Actor)? in
                let actors = [Actor.party(order.supplier, .supplier), Actor.party(order.buyer, .buyer)]
                guard let context = try? store.actionContext(for: order) else { return nil }
                return actors.first { Workflow.precheck(entry.action, on: order, by: $0, context: context) == nil }.map { (order, $0) }
            }.first
            guard let (order, actor) = found else { continue }
            let (app, _) = try UIFixture.app(store, as: actor.handle!.value)
            let step = try OrderActions.start(entry.action, on: order, now: app.clock, time: app.time, editKey: "i", reads: store)
            let fields = entry.fields.filter(\.inApp)
            if fields.isEmpty {
                if case .ask = step { #expect(entry.asksFirst, "\(entry.name) asked") } else { #expect(!entry.asksFirst, "\(entry.name) did not ask") }
            } else {
                guard case let .fill(form) = step else { Issue.record("\(entry.name) opened no form"); continue }
                #expect(form.fields.map(\.label) == fields.map(\.label), "\(entry.name)")
                #expect(form.fields.map(\.editor.maxLength) == fields.map { $0.maxLength ?? LineEditor.maxLength }, "\(entry.name)")
                guard entry.asksFirst, let command = Self.filled(entry.action, order: order) else { checked.insert(entry.action); continue }
                if case .ask = try OrderActions.afterForm(command, form, time: app.time, reads: store) {} else { Issue.record("\(entry.name) did not ask after its form") }
            }
            checked.insert(entry.action)
        }
        // The demo has an order for most actions (none is ready to ship): each kind is checked.
        #expect(checked.isSuperset(of: [.submit, .confirm, .pay, .cancel, .startProduction, .ship, .tick, .dispute, .confirmReceipt, .acceptExtension]),
                "\(checked.map(\.rawValue).sorted())")
    }

    /// A valid command for the actions that ask after their form.
    static func filled(_ action: OrderAction, order: Order) -> OrderCommand? {
        switch action {
        case .pay: return order.payableNow.map { .pay(amount: $0.due, method: .tt, key: try! IdempotencyKey("k-test-1")) }
        case .cancel: return .cancel(reason: "no longer needed")
        case .dispute: return .dispute(reason: "damaged", amount: order.paidTotal)
        default: return nil
        }
    }
}
