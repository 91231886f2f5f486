import Testing
@testable import TradeGuardCore

/// The supplier's claim against a buyer who confirmed receipt and has not paid the balance due
/// after shipment (rules-2026 §1.5, rule 3310: "buyer non-payment after receipt", 6 points
/// resolved, 48 unresolved — against the buyer). The buyer agrees to pay or escalates; the
/// supplier may withdraw; silence leaves it to the platform, which decides pay-balance or none.
struct BalanceClaimTests {
    typealias F = Fixture

    /// Received, the balance (US$750 of US$1,250) still unpaid.
    static let owing = F.order(in: .completed, balanceDue: .afterShipment)
    static let claim = OrderCommand.claimBalance(reason: "Invoice INV-88 unpaid 20 days after receipt")

    func refused(_ order: Order, _ command: OrderCommand, by actor: Actor, at now: Instant = F.t0) -> Refusal? {
        do throws(Refusal) { _ = try Workflow.decide(order, command, by: actor, context: F.context(now)); return nil } catch { return error }
    }

    func claimed(at now: Instant = F.t0) throws -> Order {
        try Workflow.decide(Self.owing, Self.claim, by: F.supplier, context: F.context(now)).after
    }

    @Test func theSupplierClaimsABalanceOwedAfterReceipt() throws {
        #expect(Self.owing.balanceOwedAfterReceipt)
        let opened = try Workflow.decide(Self.owing, Self.claim, by: F.supplier, context: F.context())
        let n = try #require(opened.after.dispute?.negotiation)
        #expect(opened.after.state == .disputed && opened.after.dispute?.fromState == .completed)
        #expect(n.kind == .balanceUnpaid && n.stage == .awaitingBuyer && n.due == F.t0.adding(days: DisputeRules.answerDays))
        #expect(n.onTable == DisputeProposal(by: .supplier, remedy: Remedy(kind: .payBalance, refund: F.usd(0)),
                                             note: "Invoice INV-88 unpaid 20 days after receipt", at: F.t0))
        // The claimed amount is the balance owed, not what was paid.
        #expect(opened.after.dispute?.amount == Self.owing.outstanding(.balance))
        #expect(opened.event.value("kind") == "balance-unpaid" && opened.event.value("remedy") == "pay-balance")
        // Silence is not a way out for the buyer: the platform decides.
        #expect(n.defaultOutcome == .escalate)
        #expect(opened.after.dueTimeout(at: F.t0.adding(days: 5)) == .disputeTimeout)
    }

    @Test func onlyTheSupplierClaimsAndOnlyWhatIsOwed() {
        #expect(refused(Self.owing, Self.claim, by: F.buyer)
                == .notPermitted(.claimBalance, required: .supplier, order: Self.owing.code, requiredParty: .supplier))
        #expect(refused(Self.owing, .openDispute(kind: .balanceUnpaid, remedy: .payBalance, amount: nil, reason: "r"), by: F.buyer)
                == .claimantOnly(.balanceUnpaid))
        #expect(Refusal.claimantOnly(.balanceUnpaid).description
                == "Only the supplier makes a 'balance-unpaid' claim (claim-balance); the buyer answers it.")
        // Paid up, or a balance due before shipment (it blocked shipment instead): nothing to claim.
        let paidUp = F.apply(Self.owing, .pay(amount: Self.owing.outstanding(.balance), method: .tt, key: F.key("b")), by: F.buyer)
        #expect(refused(paidUp, Self.claim, by: F.supplier) == .noBalanceOwed(code: paidUp.code))
        #expect(refused(F.order(in: .completed), Self.claim, by: F.supplier) == .noBalanceOwed(code: Self.owing.code))
        #expect(refused(F.order(in: .shipped, balanceDue: .afterShipment), Self.claim, by: F.supplier) == .wrongState(.claimBalance, .shipped))
        // A buyer's claim cannot ask for the buyer's own payment.
        #expect(refused(F.order(in: .shipped), .openDispute(kind: .damaged, remedy: .payBalance, amount: nil, reason: "r"), by: F.buyer)
                == .remedyNotForKind(.payBalance, .damaged))
    }

    @Test func theBuyerWhoAgreesToPayGetsTheResolvedPoints() throws {
        let open = try claimed()
        let agreed = try Workflow.decide(open, .agree, by: F.buyer, context: F.context(F.t0.adding(days: 1)))
        #expect(agreed.after.state == .completed && agreed.after.dispute == nil)
        #expect(agreed.after.disputeOutcome?.how == .agreed && agreed.after.disputeOutcome?.remedy?.kind == .payBalance)
        #expect(agreed.after.disputeOutcome?.refundDue == nil)
        // Rule 3310's serious dispute, resolved: 6 points, and they are the buyer's.
        #expect(agreed.penalty == PenaltyAssessment(party: F.buyerHandle, points: 6))
        #expect(agreed.ledger.isEmpty)
        // The balance is still owed, and payable again.
        #expect(agreed.after.payableNow?.term == .balance && agreed.after.payableNow?.due == Self.owing.outstanding(.balance))
    }

    @Test func escalatedAndDecidedAgainstTheBuyerGivesTheUnresolvedPoints() throws {
        let open = try claimed()
        // The buyer contests at once: no need to wait for a counter-proposal that never comes.
        let escalated = try Workflow.decide(open, .escalate(note: "The goods were short by 20 pieces"), by: F.buyer, context: F.context())
        #expect(escalated.after.dispute?.negotiation?.stage == .escalated)
        #expect(refused(escalated.after, .decide(remedy: .fullRefund, amount: nil, reasoning: "r"), by: F.platform)
                == .remedyNotForKind(.fullRefund, .balanceUnpaid))
        let decided = try Workflow.decide(escalated.after, .decide(remedy: .payBalance, amount: nil, reasoning: "Delivery note signed in full"),
                                          by: F.platform, context: F.context())
        #expect(decided.after.state == .completed && decided.after.disputeOutcome?.how == .decided)
        #expect(decided.penalty == PenaltyAssessment(party: F.buyerHandle, points: 48))
        let rejected = try Workflow.decide(escalated.after, .decide(remedy: .noRemedy, amount: nil, reasoning: "Short delivery proven"),
                                           by: F.platform, context: F.context())
        #expect(rejected.after.state == .completed && rejected.penalty == nil)
    }

    @Test func theBuyersClaimMovesHaveNoPlaceInIt() throws {
        let open = try claimed()
        #expect(refused(open, .counter(remedy: .partialRefund, amount: F.usd(100), note: "n"), by: F.supplier) == .balanceClaimMove(.counter))
        #expect(refused(open, .askEvidence(note: "n"), by: F.supplier) == .balanceClaimMove(.askEvidence))
        #expect(refused(open, .editClaim(remedy: .fullRefund, amount: nil, note: "n"), by: F.buyer) == .balanceClaimMove(.editClaim))
        // The supplier cannot agree to its own claim; the buyer cannot withdraw the supplier's.
        #expect(refused(open, .agree, by: F.supplier) == .notYourMove(answering: .buyer, stage: .awaitingBuyer))
        #expect(refused(open, .withdraw(reason: "r"), by: F.buyer) == .notClaimant(.supplier))
        #expect(Refusal.notClaimant(.supplier).description == "Only the supplier, who made the claim, can withdraw it.")
        // Paying while the claim is open is refused with the way out.
        #expect(refused(open, .pay(amount: F.usd(100), method: .tt, key: F.key("p")), by: F.buyer) == .balanceClaimOpen)
        // Too late to answer once the due date passed: the platform decides.
        #expect(refused(open, .agree, by: F.buyer, at: F.t0.adding(days: 5)) == .answerOverdue(due: F.t0.adding(days: 5), outcome: .escalate))
        let timedOut = try Workflow.decide(open, .disputeTimeout, by: F.system, context: F.context(F.t0.adding(days: 5)))
        #expect(timedOut.after.dispute?.negotiation?.stage == .escalated && timedOut.after.state == .disputed)
    }

    @Test func theSupplierMayWithdrawItsClaim() throws {
        let withdrawn = try Workflow.decide(try claimed(), .withdraw(reason: "Paid by cheque"), by: F.supplier, context: F.context())
        #expect(withdrawn.after.state == .completed && withdrawn.after.disputeOutcome?.how == .withdrawn && withdrawn.penalty == nil)
    }
    /// Found in issue 21's review: the sweep closed a completed order at the end of its protection
    /// window with the balance still owed, so a buyer who agreed to a claim after that day could
    /// no longer pay. A balance owed keeps the order open (and payable); once paid, it closes.
    @Test func aBalanceOwedKeepsTheOrderOpenPastItsWindowUntilItIsPaid() throws {
        let ends = try #require(Self.owing.protectionEnds)
        #expect(Self.owing.timeoutAt == nil)
        #expect(Self.owing.dueTimeout(at: ends.adding(days: 40)) == nil)
        #expect(Self.owing.deadlines.map(\.kind) == [.protection])
        // Past the window: the buyer can no longer claim, but can still pay, and then it closes.
        #expect(refused(Self.owing, .dispute(reason: "late", amount: nil), by: F.buyer, at: ends) == .protectionWindowOver(days: 30))
        let late = ends.adding(days: 3)
        let paid = try Workflow.decide(Self.owing, .pay(amount: Self.owing.outstanding(.balance), method: .tt, key: F.key("late")),
                                       by: F.buyer, context: F.context(late)).after
        #expect(paid.state == .completed && paid.timeoutAt == ends && paid.dueTimeout(at: late) == .close)
        #expect(try Workflow.decide(paid, .close, by: F.system, context: F.context(late)).after.state == .closed)
        // A claim the buyer agrees to after the window ends leaves the balance payable, as before.
        let agreed = try Workflow.decide(try claimed(at: ends.adding(days: 1)), .agree, by: F.buyer, context: F.context(ends.adding(days: 2))).after
        #expect(agreed.state == .completed && agreed.timeoutAt == nil && agreed.payableNow?.term == .balance)
    }

    /// An older release closed such orders at the window's end; that close is in their logs, and
    /// `check` replays it through today's Workflow, so the close itself is still accepted then.
    @Test func aCloseRecordedByAnOlderReleaseStillReplays() throws {
        let ends = try #require(Self.owing.protectionEnds)
        #expect(try Workflow.decide(Self.owing, .close, by: F.system, context: F.context(ends)).after.state == .closed)
        #expect(refused(Self.owing, .close, by: F.system, at: ends.adding(seconds: -1)) == .deadlineNotPassed(.protection))
    }

    /// Found by the seeder's balance claims: a claim the platform decides against the supplier
    /// (`none`: the buyer was right not to pay, say a short delivery) left the order owing and
    /// open for good. The balance stays on its figures, but the window's end closes it.
    @Test func aClaimDecidedAgainstTheSupplierNoLongerHoldsTheOrderOpen() throws {
        let escalated = try Workflow.decide(try claimed(), .escalate(note: "Short by 20 pieces"), by: F.buyer, context: F.context()).after
        let failed = try Workflow.decide(escalated, .decide(remedy: .noRemedy, amount: nil, reasoning: "Short delivery proven"),
                                         by: F.platform, context: F.context()).after
        #expect(failed.disputeOutcome?.kind == .balanceUnpaid && failed.balanceClaimRejected)
        let ends = try #require(failed.protectionEnds)
        #expect(failed.timeoutAt == ends && failed.dueTimeout(at: ends) == .close)
        #expect(try Workflow.decide(failed, .close, by: F.system, context: F.context(ends)).after.state == .closed)
        // A claim the buyer agreed to, or the platform upheld, keeps it open until paid.
        let agreed = try Workflow.decide(try claimed(), .agree, by: F.buyer, context: F.context()).after
        let upheld = try Workflow.decide(escalated, .decide(remedy: .payBalance, amount: nil, reasoning: "Signed delivery note"),
                                         by: F.platform, context: F.context()).after
        for order in [agreed, upheld] { #expect(!order.balanceClaimRejected && order.timeoutAt == nil) }
    }
}
