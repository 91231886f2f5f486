import Testing
@testable import TradeGuardCore

/// Disputes as the real service negotiates them (issue 21): which claims are admissible, the
/// remedies and their amounts, the moves and their due dates, the clock's default outcomes,
/// evidence, escalation and the outcome's refund deadline and points.
struct DisputeTests {
    typealias F = Fixture

    func refused(_ order: Order, _ command: OrderCommand, by actor: Actor, at now: Instant = F.t0,
                 tier: BuyerTier = .standard) -> Refusal? {
        var context = F.context(now)
        context.buyerTier = tier
        do throws(Refusal) { _ = try Workflow.decide(order, command, by: actor, context: context); return nil } catch { return error }
    }

    func decide(_ order: Order, _ command: OrderCommand, by actor: Actor, at now: Instant = F.t0) throws -> Decision {
        try Workflow.decide(order, command, by: actor, context: F.context(now))
    }

    // MARK: Admissibility

    @Test func aNotShippedClaimOpensTheDayAfterTheShippingDeadline() throws {
        let producing = F.order(in: .inProduction)
        let last = try #require(producing.lastShipDate)
        let claim = OrderCommand.openDispute(kind: .notShipped, remedy: .fullRefund, amount: nil, reason: "nothing shipped")
        #expect(refused(producing, claim, by: F.buyer, at: last.startUTC) == .claimTooEarly(.notShipped, from: last.adding(days: 1)))
        #expect(refused(producing, claim, by: F.buyer, at: last.startUTC).map(\.description)
                == "A claim that the goods were not shipped can be opened from \(last.adding(days: 1).iso), the day after the shipping deadline.")
        let opened = try decide(producing, claim, by: F.buyer, at: last.adding(days: 1).startUTC)
        #expect(opened.after.state == .disputed)
        #expect(opened.after.dispute?.negotiation?.kind == .notShipped)
        #expect(opened.after.dispute?.negotiation?.onTable?.remedy == Remedy(kind: .fullRefund, refund: producing.paidTotal))
    }

    @Test func eachKindFitsItsStage() {
        let producing = F.order(in: .inProduction)
        let shipped = F.order(in: .shipped)
        let completed = F.order(in: .completed)
        func claim(_ kind: DisputeKind) -> OrderCommand { .openDispute(kind: kind, remedy: .fullRefund, amount: nil, reason: "r") }
        #expect(refused(producing, claim(.notReceived), by: F.buyer) == .claimNotAdmissible(.notReceived, .inProduction))
        #expect(refused(producing, claim(.damaged), by: F.buyer) == .claimNotAdmissible(.damaged, .inProduction))
        #expect(refused(shipped, claim(.notShipped), by: F.buyer) == .claimNotAdmissible(.notShipped, .shipped))
        #expect(refused(completed, claim(.notReceived), by: F.buyer) == .claimNotAdmissible(.notReceived, .completed))
        #expect(refused(shipped, claim(.notReceived), by: F.buyer) == nil)
        #expect(refused(completed, claim(.notAsAgreed), by: F.buyer) == nil)
        #expect(refused(shipped, .openDispute(kind: .notReceived, remedy: .returnAndRefund, amount: nil, reason: "r"), by: F.buyer)
                == .noGoodsToReturn(.notReceived))
    }

    /// 30 days after receipt for a standard buyer, 60 for an enterprise buyer: the window is
    /// fixed at receipt by the tier, and the order closes when it ends.
    @Test func theProtectionWindowFollowsTheBuyersTier() throws {
        let shipped = F.order(in: .shipped)
        var enterprise = F.context()
        enterprise.buyerTier = .enterprise
        let received = try Workflow.decide(shipped, .confirmReceipt, by: F.buyer, context: enterprise)
        #expect(received.after.protectionDays == 60)
        #expect(received.event.value("protectionDays") == "60")
        #expect(received.after.protectionEnds == F.t0.adding(days: 60))
        let standard = try decide(shipped, .confirmReceipt, by: F.buyer)
        #expect(standard.after.protectionDays == 30 && standard.event.value("protectionDays") == nil)

        let claim = OrderCommand.openDispute(kind: .damaged, remedy: .partialRefund, amount: F.usd(5_000), reason: "cracked")
        #expect(refused(standard.after, claim, by: F.buyer, at: F.t0.adding(days: 45)) == .protectionWindowOver(days: 30))
        #expect(refused(received.after, claim, by: F.buyer, at: F.t0.adding(days: 45)) == nil)
        // The sentence names the buyer's own window, not a fixed 30 days.
        #expect(refused(received.after, claim, by: F.buyer, at: F.t0.adding(days: 60))?.description == "The 60-day protection window after receipt is over.")
        #expect(standard.after.dueTimeout(at: F.t0.adding(days: 45)) == .close)
        #expect(received.after.dueTimeout(at: F.t0.adding(days: 45)) == nil)
    }

    // MARK: Remedies

    @Test func remediesRefundWhatTheySayAndNoMoreThanWasPaid() {
        let shipped = F.order(in: .shipped)
        let paid = shipped.paidTotal
        func claim(_ remedy: RemedyKind, _ amount: Money?) -> OrderCommand { .openDispute(kind: .notAsAgreed, remedy: remedy, amount: amount, reason: "r") }
        let tooMuch = Money(minorUnits: paid.minorUnits + 1, currency: .usd)
        #expect(refused(shipped, claim(.partialRefund, tooMuch), by: F.buyer) == .remedyTooLarge(maximum: paid))
        #expect(refused(shipped, claim(.partialRefund, tooMuch), by: F.buyer)?.description == "The refund must be at most what was paid, \(paid).")
        #expect(refused(shipped, claim(.partialRefund, nil), by: F.buyer) == .remedyAmountMissing)
        #expect(refused(shipped, claim(.fullRefund, F.usd(100)), by: F.buyer) == .remedyAmountImplied(.fullRefund, paid: paid))
        #expect(refused(shipped, claim(.replacement, F.usd(100)), by: F.buyer) == .remedyAmountImplied(.replacement, paid: paid))
        #expect(refused(shipped, claim(.noRemedy, nil), by: F.buyer) == .remedyPlatformOnly)
        #expect(refused(shipped, claim(.fullRefund, paid), by: F.buyer) == nil)
    }

    // MARK: Negotiation

    @Test func theSupplierCountersAndTheBuyerAgrees() throws {
        let claimed = F.claimed()
        #expect(claimed.waitingOnKind == .supplier)
        #expect(claimed.dispute?.negotiation?.due == F.t0.adding(days: 5))
        #expect(claimed.timeoutAt == F.t0.adding(days: 5))
        #expect(claimed.nextDeadline?.kind == .disputeAnswer)
        #expect(refused(claimed, .agree, by: F.buyer) == .notYourMove(answering: .supplier, stage: .awaitingSupplier))
        #expect(refused(claimed, .escalate(note: "now"), by: F.buyer) == .escalateNotYet(due: F.t0.adding(days: 5)))

        let at = F.t0.adding(days: 2)
        let countered = try decide(claimed, .counter(remedy: .partialRefund, amount: F.usd(20_000), note: "a discount"), by: F.supplier, at: at)
        let n = try #require(countered.after.dispute?.negotiation)
        #expect(n.stage == .awaitingBuyer && n.due == at.adding(days: 5) && n.proposals.count == 2)
        #expect(countered.after.waitingOnKind == .buyer)
        #expect(countered.event.value("remedy") == "partial-refund" && countered.event.value("refund") == "200.00")
        #expect(refused(countered.after, .agree, by: F.supplier) == .notYourMove(answering: .buyer, stage: .awaitingBuyer))

        let agreed = try decide(countered.after, .agree, by: F.buyer, at: at.adding(days: 1))
        #expect(agreed.after.state == .refunded && agreed.after.refunded == F.usd(20_000))
        #expect(agreed.ledger.map(\.kind) == [.release])
        let outcome = try #require(agreed.after.disputeOutcome)
        #expect(outcome.how == .agreed && outcome.remedy == Remedy(kind: .partialRefund, refund: F.usd(20_000)))
        // Quality disputes agreed between the parties score nothing (PenaltyTable).
        #expect(outcome.points == 0 && agreed.penalty == nil)
        #expect(outcome.refundDue == DisputeRules.refundDue(from: at.adding(days: 1).utcDate))
        #expect(agreed.event.value("refundDue") == outcome.refundDue?.iso)
    }

    @Test func aProposalCannotBeAnsweredAfterItsDueDate() {
        let claimed = F.claimed()
        let late = F.t0.adding(days: 5)
        #expect(refused(claimed, .agree, by: F.supplier, at: late) == .answerOverdue(due: late, outcome: .escalate))
        #expect(refused(claimed, .counter(remedy: .replacement, amount: nil, note: "n"), by: F.supplier, at: late)
                == .answerOverdue(due: late, outcome: .escalate))
        #expect(refused(claimed, .agree, by: F.supplier, at: late)?.description
                == "The answer was due by \(late.iso8601); it is too late to answer, the platform decides it now.")
    }

    @Test func theClockAppliesTheDefaultOutcome() throws {
        let claimed = F.claimed()
        #expect(claimed.dueTimeout(at: F.t0.adding(days: 4)) == nil)
        #expect(claimed.dueTimeout(at: F.t0.adding(days: 5)) == .disputeTimeout)
        // A silent supplier: the platform decides.
        let escalated = try decide(claimed, .disputeTimeout, by: F.system, at: F.t0.adding(days: 5))
        #expect(escalated.after.state == .disputed && escalated.after.dispute?.negotiation?.stage == .escalated)
        #expect(escalated.after.timeoutAt == nil && escalated.after.waitingOnKind == .platform)
        #expect(refused(claimed, .disputeTimeout, by: F.buyer, at: F.t0.adding(days: 5)) == .systemOnly(.disputeTimeout))

        // A silent buyer on a counter: the claim closes with no refund, the order back where it was.
        let countered = F.apply(claimed, .counter(remedy: .replacement, amount: nil, note: "we send new ones"), by: F.supplier)
        #expect(countered.dispute?.negotiation?.defaultOutcome == .lapse)
        #expect(DefaultOutcome.lapse.sentence(who: "Hanse Handel", by: "2 Dec") == "if Hanse Handel has not answered by 2 Dec, the claim closes with no refund")
        #expect(DefaultOutcome.escalate.sentence(who: "Ningbo", by: "12 Dec") == "if Ningbo has not answered by 12 Dec, the platform decides")
        let lapsed = try decide(countered, .disputeTimeout, by: F.system, at: F.t0.adding(days: 6))
        #expect(lapsed.after.state == .shipped && lapsed.after.dispute == nil && lapsed.after.disputeOutcome?.how == .lapsed)
        #expect(lapsed.ledger.isEmpty && lapsed.penalty == nil)
    }

    @Test func evidenceAskedAndGivenReturnsTheMoveToTheSupplier() throws {
        let asked = F.apply(F.claimed(), .askEvidence(note: "photos of each hinge"), by: F.supplier, at: F.t0.adding(days: 1))
        #expect(asked.dispute?.negotiation?.stage == .awaitingEvidence && asked.waitingOnKind == .buyer)
        #expect(refused(asked, .agree, by: F.buyer) == .nothingToAgree)
        let given = try decide(asked, .addEvidence(description: "12 photos", reference: "hinges.zip"), by: F.buyer, at: F.t0.adding(days: 2))
        let n = try #require(given.after.dispute?.negotiation)
        #expect(n.stage == .awaitingSupplier && n.due == F.t0.adding(days: 7) && n.evidenceRequest == nil)
        #expect(n.evidence == [EvidenceItem(description: "12 photos", reference: "hinges.zip", by: F.buyerHandle, at: F.t0.adding(days: 2))])
        // The supplier's own evidence changes whose move it is not.
        let more = try decide(given.after, .addEvidence(description: "QC report", reference: "qc-77.pdf"), by: F.supplier, at: F.t0.adding(days: 3))
        #expect(more.after.dispute?.negotiation?.stage == .awaitingSupplier && more.after.dispute?.negotiation?.evidence.count == 2)
        #expect(refused(asked, .addEvidence(description: " ", reference: ""), by: F.buyer) != nil)
    }

    @Test func evidenceOnAClosedDisputeIsRefusedInOneSentence() {
        let refunded = F.apply(F.claimed(), .agree, by: F.supplier)
        #expect(refused(refunded, .addEvidence(description: "late photo", reference: ""), by: F.buyer) == .disputeClosed(.agreed))
        #expect(Workflow.precheck(.addEvidence, on: refunded, by: F.buyer, context: F.context()) == .disputeClosed(.agreed))
        #expect(Refusal.disputeClosed(.agreed).description == "The dispute is closed (agreed); nothing more can be added to it.")
    }

    @Test func theBuyerEditsWithdrawsOrEscalates() throws {
        let countered = F.apply(F.claimed(), .counter(remedy: .partialRefund, amount: F.usd(5_000), note: "50"), by: F.supplier)
        let edited = try decide(countered, .editClaim(remedy: .partialRefund, amount: F.usd(30_000), note: "300 then"), by: F.buyer)
        #expect(edited.after.dispute?.negotiation?.stage == .awaitingSupplier)
        #expect(edited.after.dispute?.negotiation?.onTable?.remedy.refund == F.usd(30_000))
        let withdrawn = try decide(countered, .withdraw(reason: "settled by phone"), by: F.buyer)
        #expect(withdrawn.after.state == .shipped && withdrawn.after.disputeOutcome?.how == .withdrawn)
        #expect(withdrawn.event.value("reason") == "settled by phone")
        let escalated = try decide(countered, .escalate(note: "50 is nothing"), by: F.buyer)
        #expect(escalated.after.dispute?.negotiation?.stage == .escalated)
        #expect(refused(escalated.after, .editClaim(remedy: .fullRefund, amount: nil, note: "n"), by: F.buyer)
                == .notYourMove(answering: .platform, stage: .escalated))
        #expect(refused(countered, .decide(remedy: .fullRefund, amount: nil, reasoning: "r"), by: F.platform) == .notEscalated)
    }

    // MARK: Outcome

    /// The platform's decision on a serious dispute that went unresolved: 48 points [F rule 3310].
    @Test func thePlatformDecidesWithReasoningAndPoints() throws {
        let producing = F.order(in: .inProduction)
        let late = producing.lastShipDate!.adding(days: 1).startUTC
        var o = F.apply(producing, .openDispute(kind: .notShipped, remedy: .fullRefund, amount: nil, reason: "not shipped"), by: F.buyer, at: late)
        o = F.apply(o, .counter(remedy: .partialRefund, amount: F.usd(1_000), note: "10 only"), by: F.supplier, at: late)
        o = F.apply(o, .escalate(note: "no"), by: F.buyer, at: late)
        #expect(refused(o, .decide(remedy: .fullRefund, amount: nil, reasoning: " "), by: F.platform, at: late) != nil)
        let decided = try decide(o, .decide(remedy: .fullRefund, amount: nil, reasoning: "no shipment evidence"), by: F.platform, at: late)
        #expect(decided.after.state == .refunded && decided.after.refunded == producing.paidTotal)
        #expect(decided.penalty == PenaltyAssessment(party: F.supplierHandle, points: 48))
        #expect(decided.event.value("reasoning") == "no shipment evidence" && decided.event.value("points") == "48")
        // Agreed between the parties, the same kind scores 6.
        let agreed = try decide(F.apply(producing, .openDispute(kind: .notShipped, remedy: .fullRefund, amount: nil, reason: "r"), by: F.buyer, at: late),
                                .agree, by: F.supplier, at: late)
        #expect(agreed.penalty?.points == 6)
        // A claim the platform rejects scores nothing and returns the order.
        let rejected = try decide(o, .decide(remedy: .noRemedy, amount: nil, reasoning: "shipped on time per B/L"), by: F.platform, at: late)
        #expect(rejected.after.state == .inProduction && rejected.penalty == nil && rejected.ledger.isEmpty)
    }

    @Test func refundsAreDueInSevenWorkingDays() throws {
        // 2026-12-04 is a Friday: seven working days later is Tuesday 2026-12-15.
        #expect(DisputeRules.refundDue(from: try CalendarDate.parse("2026-12-04")) == (try CalendarDate.parse("2026-12-15")))
        // From a Monday: the Wednesday of the next week.
        #expect(DisputeRules.refundDue(from: try CalendarDate.parse("2026-12-07")) == (try CalendarDate.parse("2026-12-16")))
    }

    /// An agreed refund is the supplier's deadline until recorded: the order waits on the
    /// supplier, its next deadline is the refund's (end of its last working day), and recording
    /// it — with the transfer's reference — ends both. Nothing else records it.
    @Test func anAgreedRefundWaitsOnTheSupplierUntilRecorded() throws {
        let at = F.t0.adding(days: 1)
        let countered = try decide(F.claimed(), .counter(remedy: .partialRefund, amount: F.usd(20_000), note: "a discount"), by: F.supplier, at: at)
        let refunded = try decide(countered.after, .agree, by: F.buyer, at: at).after
        let due = try #require(refunded.disputeOutcome?.refundDue)
        #expect(refunded.state == .refunded && refunded.waitingOnKind == .supplier)
        #expect(refunded.nextDeadline == Deadline(kind: .refund, due: due.adding(days: 1).startUTC, waitingOn: .supplier))
        #expect(refunded.timeoutAt == nil && refunded.dueTimeout(at: due.adding(days: 3).startUTC) == nil)

        #expect(refused(refunded, .recordRefund(reference: "TT-1"), by: F.buyer)
                == .notPermitted(.recordRefund, required: .supplier, order: refunded.code, requiredParty: .supplier))
        #expect(refused(refunded, .recordRefund(reference: " "), by: F.supplier) != nil)
        let recorded = try decide(refunded, .recordRefund(reference: "TT-20261209-001"), by: F.supplier, at: at.adding(days: 2))
        #expect(recorded.after.disputeOutcome?.refundPaid == RefundPaid(at: at.adding(days: 2), reference: "TT-20261209-001"))
        #expect(recorded.after.state == .refunded && recorded.ledger.isEmpty && recorded.penalty == nil)
        #expect(recorded.after.waitingOnKind == nil && recorded.after.nextDeadline == nil)
        #expect(recorded.event.value("reference") == "TT-20261209-001" && recorded.event.value("refund") == "200.00")
        #expect(recorded.after.version == refunded.version + 1)

        // Twice, or where no refund was agreed: one sentence each.
        let again = refused(recorded.after, .recordRefund(reference: "TT-2"), by: F.supplier)
        #expect(again == .refundRecorded(at: at.adding(days: 2), reference: "TT-20261209-001"))
        #expect(again?.description.contains("already recorded") == true)
        let withdrawn = try decide(F.claimed(), .withdraw(reason: "sorted it out"), by: F.buyer).after
        #expect(refused(withdrawn, .recordRefund(reference: "TT-3"), by: F.supplier) == .wrongState(.recordRefund, withdrawn.state))
        let resolved = try decide(F.order(in: .disputed), .resolve(refund: F.usd(100)), by: F.platform).after
        #expect(resolved.state == .refunded && resolved.waitingOnKind == nil)
        #expect(refused(resolved, .recordRefund(reference: "TT-4"), by: F.supplier) == .noRefundDue)
    }

    @Test func anOlderDisputeIsResolvedOnlyByThePlatform() {
        let old = F.order(in: .disputed)
        #expect(old.dispute?.negotiation == nil && old.waitingOnKind == .platform && old.timeoutAt == nil)
        #expect(refused(old, .agree, by: F.supplier) == .olderDispute)
        #expect(refused(old, .resolve(refund: F.usd(0)), by: F.platform) == nil)
    }
}
