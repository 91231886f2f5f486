import Foundation
import Testing
@testable import TradeGuardApplication
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Issue 21's escalation in the app: the platform's own workspace, its queues of disputes, the
/// dispute's detail and the decision taken by key — through the same input path as a person.
struct PlatformWorkspaceTests {
    /// The orders of the demo whose open dispute is at `stage` (nil: any open dispute), read
    /// order by order — not through the queue's query.
    static func disputed(_ store: Store, stage: DisputeStage?) throws -> Set<OrderCode> {
        let orders = try store.db.query("SELECT id FROM orders ORDER BY id") { try store.order(OrderCode(number: $0.int(0))) }
        return Set(orders.filter { order in
            guard let dispute = order.dispute else { return false }
            return stage == nil || dispute.negotiation?.stage == stage
        }.map(\.code))
    }

    /// Every row of the list, walked from the top by the list's own movement (keyset pages).
    static func codes(_ list: OrderListModel, visible: Int) throws -> [OrderCode] {
        try list.moveToTop(visible: visible)
        var codes: [OrderCode] = []
        for _ in 0..<list.total {
            codes.append(try #require(list.selectedRow?.code))
            try list.move(by: 1, visible: visible)
        }
        return codes
    }

    /// The picker moves as the queues do (the README's keys): a seeded database offers
    /// thousands of parties. Found by a review: G did nothing in the picker.
    @Test func thePickerJumpsAndPagesLikeAQueue() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: nil, rows: 24, cols: 100)
        try runner.run(Script.parse("", name: "picker"))
        let picker = try #require(app.picker)
        try #require(picker.parties.count > 2)
        app.handle(.character("G"))
        #expect(picker.selected == picker.parties.count - 1)
        #expect(picker.choice?.party.kind == .platform)
        app.handle(.character("g"))
        #expect(picker.selected == 0)
        app.handle(.down)
        app.handle(.pageDown)
        #expect(picker.selected == min(picker.parties.count - 1, 1 + app.mainHeight - 2))
        app.handle(.pageUp)
        #expect(picker.selected == 0)
        app.handle(.end)
        #expect(picker.selected == picker.parties.count - 1)
        app.handle(.home)
        #expect(picker.selected == 0)
    }

    @Test func thePickerOffersThePlatformLast() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: nil)
        try runner.run(Script.parse("", name: "picker"))
        let picker = try #require(app.picker)
        #expect(picker.parties.last?.party.kind == .platform)
        #expect(picker.parties.filter { $0.party.kind == .platform }.count == 1)
        #expect(runner.terminal.screen.text.contains("Platform Decides escalated disputes"))   // 80 columns: role, then what it does
        let (_, wide) = try UIFixture.app(store, as: nil, rows: 30, cols: 100)
        try wide.run(Script.parse("", name: "picker"))
        #expect(wide.terminal.screen.text.contains("Platform Platform — decides escalated disputes"))
        // Choosing it opens the platform's workspace on its queue of escalated disputes.
        for _ in 0..<picker.parties.count { app.handle(.down) }
        app.handle(.enter)
        #expect(app.session?.side == .platform)
        #expect(app.workspace?.tabs == [.escalated, .disputes])
        #expect(app.workspace?.tab == .escalated)
    }

    /// The Escalated tab holds exactly the disputes escalated to the platform, the Disputes tab
    /// every open dispute; both read in pages by key, forward and back, agreeing with one read.
    @Test func theQueuesHoldExactlyTheirDisputes() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        // Two more escalated disputes, so the queue pages over several rows: Austin contests
        // Yiwu's balance claim (opened today), and an hour later the buyer answering a counter
        // (a claim opened weeks ago) escalates it.
        let balanceClaim = OrderCode(number: 51)
        let claimed = try store.order(balanceClaim)
        _ = try store.perform(.escalate(note: "Ten baskets arrived mouldy"), on: balanceClaim, as: .party(claimed.buyer, .buyer))
        _ = try store.advanceClock(by: try ClockStep.parse("1h"))
        let answering = try #require(try Self.disputed(store, stage: .awaitingBuyer).first)
        let before = try store.order(answering)
        _ = try store.perform(.escalate(note: "No agreement on the colours"), on: answering, as: .party(before.buyer, .buyer),
                              expectedVersion: before.version)
        let escalated = try Self.disputed(store, stage: .escalated)
        let open = try Self.disputed(store, stage: nil)
        #expect(escalated.count >= 3 && open.count > escalated.count, "the demo has disputes escalated and at other stages")
        // Longest waiting first: the order they reached the platform in, not the order they
        // were opened in (the colours claim is older than the balance claim, escalated later).
        #expect(try store.order(answering).dispute!.openedAt < claimed.dispute!.openedAt)
        let escalations = try Dictionary(uniqueKeysWithValues: escalated.map { code in
            (code, try #require(try store.events(of: code).last { $0.event.action == OrderAction.escalate.rawValue
                || $0.event.action == OrderAction.disputeTimeout.rawValue }?.event.at))
        })
        let oldestFirst = escalated.sorted { escalations[$0]! < escalations[$1]! }.map { $0 }
        #expect(oldestFirst.suffix(2) == [balanceClaim, answering])

        let (app, runner) = try UIFixture.app(store, as: "platform", rows: 30, cols: 100)
        let queue = try #require(app.workspace?.currentList)
        #expect(queue.scope == .disputes(.escalated))
        #expect(try Self.codes(queue, visible: 20) == oldestFirst)
        #expect(queue.total == escalated.count)
        for code in escalated { #expect(runner.terminal.screen.text.contains(code.text)) }

        try runner.run(Script.parse("key 2", name: "disputes"))
        let all = try #require(app.workspace?.currentList)
        #expect(all.scope == .disputes(.open))
        #expect(try Self.codes(all, visible: 20) == open.sorted { $0.number < $1.number })

        // Pages of one row, by key, give the same rows as one read, each with its dispute.
        let platform = Handle.platform
        for queue in DisputeQueue.allCases {
            let whole = try store.listOrders(for: platform, side: .platform, scope: .disputes(queue), limit: 100)
            var paged: [OrderListing] = []
            var key: PageKey?
            while let row = try store.listOrders(for: platform, side: .platform, scope: .disputes(queue), after: key, limit: 1).first {
                paged.append(row)
                key = store.pageKey(of: row, side: .platform, sort: .deadline, scope: .disputes(queue))
            }
            #expect(paged.map(\.code) == whole.map(\.code))
            let back = try store.listOrders(for: platform, side: .platform, scope: .disputes(queue), direction: .backward, limit: 100)
            #expect(back.map(\.code) == whole.map(\.code))
            #expect(whole.allSatisfy { $0.dispute != nil && $0.state == .disputed })
            #expect(try store.orderCounts(for: platform, side: .platform).count(.disputes(queue)) == whole.count)
        }
        // Each escalated row carries both sides' last proposals and when it was escalated.
        let row = try #require(try store.listOrders(for: platform, side: .platform, scope: .disputes(.escalated), limit: 1).first)
        let order = try store.order(row.code)
        let n = try #require(order.dispute?.negotiation)
        #expect(row.dispute?.buyerPosition == n.proposals.last { $0.by == .buyer }?.remedy)
        #expect(row.dispute?.supplierPosition == n.proposals.last { $0.by == .supplier }?.remedy)
        let escalation = try store.events(of: row.code).last { $0.event.action == OrderAction.escalate.rawValue || $0.event.action == OrderAction.disputeTimeout.rawValue }
        #expect(row.dispute?.escalatedAt == escalation?.event.at)
    }

    /// `D` on the escalated dispute: the form, the question naming the decision, `y` — the
    /// decide event carries the reasoning, and the dispute leaves the Escalated queue.
    @Test func decidingFromTheAppWritesTheDecisionAndEmptiesTheRow() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let code = try #require(try Self.disputed(store, stage: .escalated).first)
        let (app, runner) = try UIFixture.app(store, as: "platform", rows: 30, cols: 100)
        let reasoning = "Photos show 12 cracked vases; a replacement after the season is no remedy"
        try runner.run(Script.parse("""
            expect "\(code)"
            key D
            expect "Decide the dispute: \(code)"
            key Tab C-u
            type "150.00"
            key Tab
            type "\(reasoning)"
            key Enter
            expect "Decide the dispute on \(code): Partial refund, keeping the goods:"
            expect "US$150.00?"
            expect "violation points"
            key y
            expect "Decide the dispute: done for \(code)"
            """, name: "decide"))
        let event = try #require(try store.events(of: code).last?.event)
        #expect(event.action == OrderAction.decide.rawValue)
        #expect(event.actor == Actor.platform.description)
        #expect(event.value("reasoning") == reasoning)
        #expect(event.value("remedy") == RemedyKind.partialRefund.rawValue)
        #expect(try store.order(code).state == .refunded)
        #expect(app.workspace?.currentList?.total == 0)
        #expect(runner.terminal.screen.text.contains("No dispute is waiting for the platform"))
    }

    /// The supplier's balance claim (TG-0000051 in the demo), escalated by Austin: the platform's
    /// form starts from the supplier's claim and says what is owed; deciding it gives the buyer
    /// the unresolved points.
    @Test func aBalanceClaimIsDecidedFromTheSuppliersClaim() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let code = OrderCode(number: 51)
        let order = try store.order(code)
        try #require(order.dispute?.negotiation?.kind == .balanceUnpaid)
        try store.perform(.escalate(note: "Ten of the baskets arrived mouldy"), on: code, as: .party(order.buyer, .buyer))
        let (_, runner) = try UIFixture.app(store, as: "platform", rows: 30, cols: 100)
        try runner.run(Script.parse("""
            expect "\(code)"
            expect "pay balance"
            key G
            key D
            expect "Decide the dispute: \(code)"
            expect "Supplier claims: Pay the balance; buyer offers: -."
            expect "Balance owed: US$4,788.00"
            key Tab Tab
            type "The delivery note is signed without remarks"
            key Enter
            expect "Decide the dispute on \(code): Pay the balance?"
            expect "48 violation points to austin-outdoor."
            key y
            expect "Decide the dispute: done for \(code)"
            """, name: "decide balance"))
        #expect(try store.order(code).state == .completed)
        #expect(try store.order(code).disputeOutcome?.points == 48)
        #expect(try store.allParties().first { $0.party.handle == order.buyer }?.party.violationPoints == 48)
    }

    /// The reasoning keeps its paragraphs: pasted with a line break, it is decided with it, and
    /// both parties' detail shows each paragraph on its own line.
    @Test func aReasoningKeepsItsParagraphs() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let code = try #require(try Self.disputed(store, stage: .escalated).first)
        let (app, runner) = try UIFixture.app(store, as: "platform", rows: 30, cols: 100)
        let reasoning = "The photos show 12 cracked vases.\nA replacement after the season is no remedy."
        try runner.run(Script.parse("key D\nkey Tab Tab", name: "open"))
        app.handle(.paste(reasoning))
        #expect(app.actionForm?.fields[2].value == reasoning)
        try runner.run(Script.parse("key Enter\nexpect \"The photos show 12 cracked vases.\"\nkey y", name: "decide"))
        #expect(try store.events(of: code).last?.event.value("reasoning") == reasoning)
        let buyer = try store.order(code).buyer.value
        let (_, other) = try UIFixture.app(store, as: buyer, rows: 60, cols: 120)
        try other.run(Script.parse("key 7\ntype \"/\"\ntype \"\(code.text)\"\nkey Enter Enter", name: "detail"))
        let lines = other.terminal.screen.text.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("Reasoning") && $0.contains("The photos show 12 cracked vases.") }, "\(lines)")
        #expect(lines[first + 1].contains("A replacement after the season is no remedy."), "\(lines)")
    }

    /// Too large an amount and no reasoning: each field says the domain's sentence, the form stays
    /// open with what was typed, and nothing is written.
    @Test func refusedInputKeepsTheForm() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let code = try #require(try Self.disputed(store, stage: .escalated).first)
        let paid = try store.order(code).paidTotal
        let events = try store.events(of: code).count
        let (app, runner) = try UIFixture.app(store, as: "platform", rows: 30, cols: 100)
        try runner.run(Script.parse("key D\nkey Tab C-u\ntype \"99999\"\nkey Enter", name: "refused"))
        let form = try #require(app.actionForm)
        #expect(form.fields[1].value == "99999")
        #expect(form.fields[1].error == Refusal.remedyTooLarge(maximum: paid).description)
        #expect(form.fields[2].error == TextError.empty(field: "reasoning").description)
        #expect(app.question == nil)
        #expect(try store.events(of: code).count == events)
        #expect(runner.terminal.screen.text.contains("The refund must be at most what was paid"))
    }

    /// The platform's workspace offers no drafting, paying or other party's command — not in the
    /// hint bar, the help or the palette — and a party's offers no deciding.
    @Test func eachWorkspaceOffersOnlyItsOwnCommands() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "platform", rows: 30, cols: 100)
        let partyOnly = app.registry.commands.filter { ["draft.new", "limits.activate", "order.link", "order.edit", "order.pay", "order.confirm"].contains($0.id) }
        #expect(partyOnly.count == 6)
        for command in partyOnly {
            #expect(!command.isOffered(app) && !command.isEnabled(app), "\(command.id)")
        }
        let offered = app.registry.commands.filter { $0.context == .order && $0.isOffered(app) }.map(\.id)
        #expect(Set(offered) == ["order.decide", "order.resolve"])
        #expect(runner.terminal.screen.text.contains("D decide"))
        // The palette does not complete to a party's command, and run by name one says whose it is.
        try runner.run(Script.parse("key :\ntype \"order.p\"\nkey Tab", name: "palette"))
        #expect(app.paletteEditor?.text == "order.p")
        try runner.run(Script.parse("key Esc\ncmd order.pay", name: "by name"))
        #expect(runner.terminal.screen.text.contains("this is a supplier's or buyer's command"))
        try runner.run(Script.parse("key ?", name: "help"))
        let help = HelpOverlay.lines(HelpModel(), registry: app.registry, here: app.screenContext, whyDisabled: { $0.disabledReason(app) },
                                     offered: { $0.isOffered(app) }).map(\.0).joined(separator: "\n")
        #expect(help.contains("order.decide") && !help.contains("order.pay") && !help.contains("draft.new"))

        let (buyer, _) = try UIFixture.app(store, as: "yildiz-tekstil")
        #expect(buyer.registry.command(named: "order.decide")?.isOffered(buyer) == false)
    }

    @Test func escalatedGolden() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (_, runner) = try UIFixture.app(store, as: "platform", rows: 30, cols: 100)
        try runner.run(Script.parse("", name: "golden"))
        UIFixture.expectGolden("platform-escalated-100x30", runner)
    }

    /// Below 100 columns the Disputes queue has room for one position: the claim, whichever side
    /// made it. It showed the buyer's, which on the supplier's balance claim is always "-".
    @Test func atEightyColumnsEachRowShowsTheClaimItself() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let (app, runner) = try UIFixture.app(store, as: "platform", rows: 24, cols: 80)
        try runner.run(Script.parse("key 2", name: "disputes"))
        #expect(app.workspace?.currentList?.scope == .disputes(.open))
        let lines = runner.terminal.screen.text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("Claim") && !$0.contains("position") }, "\(lines)")
        // TG-0000051: Yiwu's balance claim against Austin (demo data).
        let claim = try #require(lines.first { $0.contains("TG-0000051") })
        #expect(claim.contains("pay balance"), "\(claim)")
        // A buyer's claim shows what the buyer asks for.
        for code in try Self.disputed(store, stage: nil) where code != OrderCode(number: 51) {
            let order = try store.order(code)
            guard let line = lines.first(where: { $0.contains(code.text) }), let n = order.dispute?.negotiation else { continue }
            let asked = try #require(n.proposals.last { $0.by == .buyer }?.remedy)
            #expect(line.contains(DisputeColumns.position(asked).0), "\(line)")
        }
        UIFixture.expectGolden("platform-disputes-80x24", runner)
    }

    /// A dispute of the older form (opened without a kind or remedy, as `do dispute` still can)
    /// is resolved in the app too: `S` asks for the refund, refuses one above what was paid with
    /// the domain's sentence and keeps the form, names the outcome, and `y` resolves it. `S` is
    /// not offered on a negotiated dispute, which the platform decides (`D`).
    @Test func anOlderDisputeIsResolvedFromTheApp() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        // An order in production with its advance paid: its buyer opens the older form.
        let code = try #require(try store.db.query("SELECT id FROM orders WHERE state = 'inProduction' ORDER BY id LIMIT 1") { OrderCode(number: $0.int(0)) }.first)
        let order = try store.order(code)
        try store.perform(.dispute(reason: "Wrong colour on half the batch", amount: nil), on: code, as: .party(order.buyer, .buyer))
        let paid = try store.order(code).paidTotal

        let (app, runner) = try UIFixture.app(store, as: "platform", rows: 30, cols: 100)
        // Each key after the frame it answers, as a person types (a question ignores keys that
        // arrive before it was shown).
        func press(_ key: Key) { app.handle(key); _ = app.didPresent() }
        try runner.run(Script.parse("key 2", name: "disputes"))
        let list = try #require(app.workspace?.currentList)
        for _ in 0..<50 where list.selectedKey?.code != code { app.handle(.down); _ = app.didPresent() }
        #expect(list.selectedKey?.code == code)
        #expect(app.render().text.split(separator: "\n").last?.contains("S resolve") == true, "\(app.render().text)")
        #expect(app.render().text.split(separator: "\n").last?.contains("D decide") == false)

        press(.character("S"))
        var screen = app.render().text
        #expect(screen.contains("Resolve the dispute: \(code)") && screen.contains("Wrong colour on half the batch"), "\(screen)")
        let tooMuch = MoneyFormat.decimal(Money(minorUnits: paid.minorUnits + 1, currency: paid.currency))
        for ch in tooMuch { press(.character(ch)) }
        press(.enter)
        screen = app.render().text
        #expect(screen.contains(Refusal.refundAmount(maximum: paid).description) && screen.contains(tooMuch), "\(screen)")
        for _ in tooMuch { press(.backspace) }
        for ch in "0" { press(.character(ch)) }
        press(.enter)
        screen = app.render().text
        #expect(screen.contains("Resolve the dispute on \(code) with no refund?") && screen.contains("goes back to in production"), "\(screen)")
        press(.character("y"))
        #expect(try store.order(code).state == .inProduction)
        #expect(try store.events(of: code).last?.event.action == OrderAction.resolve.rawValue)

        // On a negotiated dispute S is not offered, and says why when pressed.
        let negotiated = try #require(try Self.disputed(store, stage: .escalated).sorted { $0.number < $1.number }.first)
        try runner.run(Script.parse("key 1", name: "escalated"))
        for _ in 0..<50 where app.workspace?.currentList?.selectedKey?.code != negotiated { app.handle(.down); _ = app.didPresent() }
        #expect(app.workspace?.currentList?.selectedKey?.code == negotiated)
        #expect(app.render().text.split(separator: "\n").last?.contains("S resolve") == false)
        press(.character("S"))
        // The sentence in full, wrapped over the status lines.
        let words = app.render().text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(words.contains(Refusal.negotiatedDispute.description), "\(app.render().text)")
    }
}
