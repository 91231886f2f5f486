import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The `disputes` walkthrough (issue 21): Boutique Élégance claims a partial refund on the LED
/// panels of TG-0000032, Shenzhen Bright asks for evidence and counters, the buyer agrees, the
/// seller records the refund. The
/// generic walkthrough suites check its keys, captions and split panes; these check what it
/// leaves in the database, and that a step back undoes a negotiation move.
struct DisputesWalkthroughTests {
    static let code = OrderCode(number: 32)

    static func walkthrough() throws -> Walkthrough {
        try Walkthrough(try Script.parse(try #require(BuiltInWalkthroughs.named("disputes")), name: "disputes"))
    }

    @Test func theNegotiationEndsInAnAgreedPartialRefundDueInSevenWorkingDays() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        let walkthrough = try Self.walkthrough()
        let (_, runner) = try UIFixture.app(store, as: nil, rows: 24, cols: 80)
        let before = try store.order(Self.code)
        #expect(before.state == .completed && before.dispute == nil)
        for index in walkthrough.steps.indices { try walkthrough.perform(index, with: runner) }

        let order = try store.order(Self.code)
        let outcome = try #require(order.disputeOutcome)
        #expect(order.state == .refunded)
        #expect(outcome.how == .agreed)
        #expect(outcome.remedy == Remedy(kind: .partialRefund, refund: Money(minorUnits: 120_000, currency: .eur)))
        #expect(outcome.refundDue == DisputeRules.refundDue(from: outcome.at.utcDate))
        #expect(outcome.points == 0)   // an agreed quality dispute scores nothing
        // Every move went through the workflow, each once, in the order the captions tell.
        let moves = try store.events(of: Self.code).map(\.event.action).suffix(7)
        #expect(Array(moves) == ["dispute", "add-evidence", "ask-evidence", "add-evidence", "counter", "agree", "record-refund"])
        // The supplier recorded the refund before its deadline, with the transfer's reference.
        let paid = try #require(outcome.refundPaid)
        let due = try #require(outcome.refundDue)
        #expect(paid.reference == "SEPA-TG32-REFUND" && paid.at.utcDate <= due)
        #expect(order.waitingOnKind == nil && order.nextDeadline == nil)
        #expect(try store.check().faults == [])
    }

    /// Back from the counter-proposal (step 7) to the buyer's evidence (step 6): the step is
    /// redone on a fresh database, where the buyer's claim is alone on the table again; forward
    /// once more, the database holds one counter-proposal, not two.
    @Test func aStepBackTakesTheCounterOffTheTable() throws {
        let terminal = RecordingTerminal(InMemoryTerminal(rows: 30, cols: 100))
        var folders: [UIFixture.Folder] = []
        var stores: [Store] = []
        let player = try DemoPlayer(walkthrough: try Self.walkthrough(), terminal: terminal, theme: .plain, delaySeconds: 1, makeApp: {
            let (folder, store) = try UIFixture.demo()
            folders.append(folder)
            stores.append(store)
            var t = 0.0
            return try AppModel(store: store, as: nil, time: .utc, uptime: { t += 0.001; return t })
        }, prepareStepBack: false)
        terminal.script = [Key?](repeating: .character(" "), count: 7) + [.left, .character(" "), .character("q")]
        #expect(player.run() == 0)
        let frames = terminal.frames.map(\.text)
        let atSeven = try #require(frames.firstIndex { $0.contains("Step 7/") })
        #expect(frames[atSeven].contains("Awaiting buyer"))
        let backToSix = try #require(frames[atSeven...].firstIndex { $0.contains("Step 6/") })
        #expect(frames[backToSix].contains("Awaiting supplier"), "\(frames[backToSix])")
        #expect(frames.last?.contains("Step 7/") == true)
        #expect(stores.count == 2, "one database to start, a fresh one for the step back")
        let store = try #require(stores.last)
        #expect(try store.order(Self.code).dispute?.negotiation?.proposals.map(\.by) == [.buyer, .supplier])
        #expect(try store.check().faults == [])
    }
}
