import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Before schema 10 an accepted price change left the coverage as confirmed, and its event
/// carried no coverage. Replay decides such an event as it was decided then (so the file of an
/// earlier release still checks clean), and one that carries a coverage by today's rule.
struct LegacyCoverageReplayTests {
    static let t0 = Instant.parse("2026-11-27T09:00:00Z")!
    static let supplier = Actor.party(try! Handle("acme"), .supplier)
    static let buyer = Actor.party(try! Handle("hanse"), .buyer)

    /// Draft → submit → confirm → a cheaper price proposed → accepted, decided with `legacy`.
    func log(legacy: Bool) throws -> [LoggedEvent] {
        let contract = TestStore.contract()
        var (order, draft) = try Workflow.draft(code: OrderCode(number: 1), supplier: try Handle("acme"), buyer: try Handle("hanse"),
                                                by: Self.supplier, contract: contract, context: DecisionContext(now: Self.t0))
        var events = [draft]
        var cheaper = contract
        cheaper.lines[0].unitPrice = TestStore.usd(1_150)
        let steps: [(OrderCommand, Actor)] = [(.submit, Self.supplier), (.confirm, Self.buyer),
                                              (.proposeChange(cheaper, routeFreight: nil, reason: "discount"), Self.supplier),
                                              (.acceptChange(number: 1), Self.buyer)]
        for (command, actor) in steps {
            var context = DecisionContext(now: Self.t0, available: TestStore.usd(1_000_000_00), newPaymentLink: PaymentLinkToken("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            context.coverageFixedAtConfirmation = legacy
            let decision = try Workflow.decide(order, command, by: actor, context: context)
            order = decision.after
            events.append(decision.event)
        }
        return events.enumerated().map { LoggedEvent(id: Int64($0.offset + 1), event: $0.element) }
    }

    @Test func aChangeAcceptedUnderTheOldRuleReplaysWithItsCoverage() throws {
        let replayed = try OrderReplay.replay(try log(legacy: true), code: OrderCode(number: 1)).get()
        #expect(replayed.order.coverage?.covered == TestStore.usd(134_497))
        #expect(replayed.ledger.map(\.entry.kind) == [.reserve])
    }

    @Test func aChangeAcceptedUnderTodaysRuleReplaysWithTheNewCoverage() throws {
        let replayed = try OrderReplay.replay(try log(legacy: false), code: OrderCode(number: 1)).get()
        #expect(replayed.order.coverage?.covered == TestStore.usd(124_497))
        #expect(replayed.ledger.map(\.entry.kind) == [.reserve, .release])
    }
}
