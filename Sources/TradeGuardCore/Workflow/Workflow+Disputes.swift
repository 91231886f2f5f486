/// The negotiation of a dispute (issue 21, rules-2026 §1.5): the buyer claims with a kind and a
/// remedy; the supplier agrees, counters or asks for evidence; the buyer agrees, edits, withdraws
/// or escalates; the platform decides an escalated one. Every proposal gives the answering side
/// `DisputeRules.answerDays`; the sweep applies the stage's default outcome when that passes.
extension Workflow {
    /// What a dispute command changes: the next order, ledger rows, the event's fields and the
    /// violation points its outcome gives.
    struct DisputeStep {
        var next: Order
        var ledger: [LedgerEntry] = []
        var payload: [AuditEvent.Field] = []
        var penalty: PenaltyAssessment?
    }

    static func decideDispute(_ order: Order, _ command: OrderCommand, by actor: Actor, now: Instant) throws(Refusal) -> DisputeStep {
        var step = DisputeStep(next: order)
        let paid = order.paidTotal
        if case let .openDispute(kind, remedyKind, amount, reason) = command {
            let reason = try text(reason, "reason", 2000)
            try checkDisputable(order, now)
            try checkAdmissible(kind, order, now)
            let remedy = try partyRemedy(remedyKind, amount: amount, paid: paid, kind: kind)
            let due = now.adding(days: DisputeRules.answerDays)
            let negotiation = Negotiation(kind: kind, stage: .awaitingSupplier, due: due,
                                          proposals: [DisputeProposal(by: .buyer, remedy: remedy, note: reason, at: now)])
            step.next.dispute = Dispute(reason: reason, amount: paid, openedAt: now, fromState: order.state, negotiation: negotiation)
            step.next.state = .disputed
            step.payload = [.init("reason", reason), .init("amount", MoneyFormat.decimal(paid)), .init("kind", kind.rawValue),
                            .init("due", due.iso8601)] + fields(remedy)
            return step
        }
        if case let .claimBalance(reason) = command {
            let reason = try text(reason, "reason", 2000)
            try checkBalanceOwed(order)
            let owed = order.outstanding(.balance)
            let remedy = Remedy(kind: .payBalance, refund: .zero(order.currency))
            let due = now.adding(days: DisputeRules.answerDays)
            // The supplier's proposal is on the table: the buyer's move.
            let negotiation = Negotiation(kind: .balanceUnpaid, stage: .awaitingBuyer, due: due,
                                          proposals: [DisputeProposal(by: .supplier, remedy: remedy, note: reason, at: now)])
            step.next.dispute = Dispute(reason: reason, amount: owed, openedAt: now, fromState: order.state, negotiation: negotiation)
            step.next.state = .disputed
            step.payload = [.init("reason", reason), .init("amount", MoneyFormat.decimal(owed)), .init("kind", DisputeKind.balanceUnpaid.rawValue),
                            .init("due", due.iso8601)] + fields(remedy)
            return step
        }

        // What was typed is checked first, as for every other action: a too-long note is that,
        // whatever the state of the dispute.
        try checkTexts(command)
        try checkMove(command.action, order, actor, now)
        guard let dispute = order.dispute, var n = dispute.negotiation else { throw .olderDispute }
        let renewed = now.adding(days: DisputeRules.answerDays)
        switch command {
        case let .counter(remedyKind, amount, note):
            step.payload = try propose(&n, by: .supplier, remedyKind, amount: amount, note: note, paid: paid, now: now, due: renewed)

        case let .askEvidence(note):
            let note = try text(note, "note", 2000)
            n.stage = .awaitingEvidence
            n.due = renewed
            n.evidenceRequest = note
            step.payload = [.init("note", note), .init("due", renewed.iso8601)]

        case let .addEvidence(description, reference):
            let description = try text(description, "description", 2000)
            let reference = try text(reference, "reference", 500, required: false)
            guard let handle = actor.handle else { throw .systemOnly(.addEvidence) }
            n.evidence.append(EvidenceItem(description: description, reference: reference, by: handle, at: now))
            step.payload = [.init("description", description), .init("reference", reference)]
            // The evidence asked for, in time: the supplier's move again, with fresh days.
            if actor.kind == .buyer, n.stage == .awaitingEvidence, let due = n.due, now < due {
                n.stage = .awaitingSupplier
                n.due = renewed
                n.evidenceRequest = nil
                step.payload.append(.init("due", renewed.iso8601))
            }

        case .agree:
            guard let table = n.onTable else { throw .nothingToAgree }
            close(&step, order, n, how: .agreed, remedy: table.remedy, reasoning: "", now: now)
            return step

        case let .editClaim(remedyKind, amount, note):
            step.payload = try propose(&n, by: .buyer, remedyKind, amount: amount, note: note, paid: paid, now: now, due: renewed)

        case let .withdraw(reason):
            let reason = try text(reason, "reason", 1000)
            close(&step, order, n, how: .withdrawn, remedy: nil, reasoning: reason, now: now)
            return step

        case let .escalate(note):
            let note = try text(note, "note", 2000)
            n.stage = .escalated
            n.due = nil
            step.payload = [.init("note", note)]

        case let .decide(remedyKind, amount, reasoning):
            let reasoning = try text(reasoning, "reasoning", 4000, newlines: true)
            if remedyKind == .returnAndRefund && !n.kind.hasGoods { throw .noGoodsToReturn(n.kind) }
            try checkRemedyFits(remedyKind, n.kind, platform: true)
            let remedy = try Remedy.make(remedyKind, amount: amount, paid: paid)
            close(&step, order, n, how: .decided, remedy: remedy, reasoning: reasoning, now: now)
            return step

        case .disputeTimeout:
            switch n.stage.defaultOutcome(for: n.kind) {
            case .escalate?:
                n.stage = .escalated
                n.due = nil
                step.payload = [.init("outcome", DefaultOutcome.escalate.rawValue)]
            case .lapse?:
                close(&step, order, n, how: .lapsed, remedy: nil, reasoning: "", now: now)
                step.payload.append(.init("outcome", DefaultOutcome.lapse.rawValue))
                return step
            case nil:
                throw .deadlineNotPassed(nil)
            }

        default:
            throw .wrongState(command.action, order.state)
        }
        step.payload.append(.init("stage", n.stage.rawValue))
        step.next.dispute?.negotiation = n
        return step
    }

    /// Ends a negotiated dispute: the remedy's refund (releasing the reservation, the order
    /// refunded) or back to where the order was; the refund's deadline; the points.
    private static func close(_ step: inout DisputeStep, _ order: Order, _ n: Negotiation, how: DisputeOutcome.How,
                              remedy: Remedy?, reasoning: String, now: Instant) {
        let refund = remedy?.refund ?? .zero(order.currency)
        let points = PenaltyTable.points(kind: n.kind, how: how, remedy: remedy)
        let refundDue = refund.isPositive ? DisputeRules.refundDue(from: now.utcDate) : nil
        if refund.isPositive {
            step.ledger += release(order)
            step.next.state = .refunded
            step.next.refunded = refund
            step.next.endedAt = now
        } else {
            step.next.state = order.dispute?.fromState ?? .advancePaid
        }
        step.next.dispute = nil
        step.next.disputeOutcome = DisputeOutcome(how: how, kind: n.kind, remedy: remedy, refundDue: refundDue, points: points,
                                                  reasoning: reasoning, at: now)
        // The party at fault: the supplier on the buyer's claims, the buyer on a balance claim.
        let atFault = n.kind.respondent == .buyer ? order.buyer : order.supplier
        step.penalty = points > 0 ? PenaltyAssessment(party: atFault, points: points) : nil
        step.payload += [.init("outcome", how.rawValue), .init("points", String(points))]
        if let remedy { step.payload += fields(remedy) }
        if let refundDue { step.payload.append(.init("refundDue", refundDue.iso)) }
        if !reasoning.isEmpty { step.payload.append(.init(how == .decided ? "reasoning" : "reason", reasoning)) }
    }

    /// The remedy a party may propose: never "none" (the platform's), never a return without goods.
    /// A new proposal on the table (the supplier's counter, the buyer's edited claim): the other
    /// party's move, with fresh days. Returns the event's payload.
    private static func propose(_ n: inout Negotiation, by party: PartyKind, _ remedyKind: RemedyKind, amount: Money?, note: String,
                                paid: Money, now: Instant, due: Instant) throws(Refusal) -> [AuditEvent.Field] {
        let note = try text(note, "note", 2000)
        let remedy = try partyRemedy(remedyKind, amount: amount, paid: paid, kind: n.kind)
        n.proposals.append(DisputeProposal(by: party, remedy: remedy, note: note, at: now))
        n.stage = party == .supplier ? .awaitingBuyer : .awaitingSupplier
        n.due = due
        n.evidenceRequest = nil
        return [.init("note", note), .init("due", due.iso8601)] + fields(remedy)
    }

    private static func partyRemedy(_ kind: RemedyKind, amount: Money?, paid: Money, kind claim: DisputeKind) throws(Refusal) -> Remedy {
        guard kind != .noRemedy else { throw .remedyPlatformOnly }
        if kind == .returnAndRefund && !claim.hasGoods { throw .noGoodsToReturn(claim) }
        try checkRemedyFits(kind, claim, platform: false)
        return try Remedy.make(kind, amount: amount, paid: paid)
    }

    /// A balance claim ends in the buyer paying or in nothing; the buyer's claims never in a
    /// payment by the buyer.
    private static func checkRemedyFits(_ remedy: RemedyKind, _ claim: DisputeKind, platform: Bool) throws(Refusal) {
        if claim == .balanceUnpaid {
            guard remedy == .payBalance || (platform && remedy == .noRemedy) else { throw .remedyNotForKind(remedy, claim) }
        } else if remedy == .payBalance {
            throw .remedyNotForKind(remedy, claim)
        }
    }

    private static func fields(_ remedy: Remedy) -> [AuditEvent.Field] {
        [.init("remedy", remedy.kind.rawValue), .init("refund", MoneyFormat.decimal(remedy.refund))]
    }

    // MARK: Guards

    private static func checkTexts(_ command: OrderCommand) throws(Refusal) {
        switch command {
        case let .counter(_, _, note), let .askEvidence(note), let .editClaim(_, _, note), let .escalate(note):
            _ = try text(note, "note", 2000)
        case let .addEvidence(description, reference):
            _ = try text(description, "description", 2000)
            _ = try text(reference, "reference", 500, required: false)
        case let .withdraw(reason): _ = try text(reason, "reason", 1000)
        case let .decide(_, _, reasoning): _ = try text(reasoning, "reasoning", 4000, newlines: true)
        default: break
        }
    }

    /// Whether a claim of `kind` may be opened on `order` now.
    static func checkAdmissible(_ kind: DisputeKind, _ order: Order, _ now: Instant) throws(Refusal) {
        switch kind {
        case .notShipped:
            guard TransitionTable.paidStates.contains(order.state) else { throw .claimNotAdmissible(kind, order.state) }
            guard let last = order.lastShipDate else { throw .shipDateUnknown }
            guard now.utcDate > last else { throw .claimTooEarly(kind, from: last.adding(days: 1)) }
        case .notReceived:
            guard order.state == .shipped else { throw .claimNotAdmissible(kind, order.state) }
        case .notAsAgreed, .damaged:
            guard order.state == .shipped || order.state == .completed else { throw .claimNotAdmissible(kind, order.state) }
        case .balanceUnpaid:
            // The supplier's, through `claimBalance`; never a buyer's dispute.
            throw .claimantOnly(kind)
        }
    }

    /// The argument-free guards of a negotiation move: a negotiated dispute, the mover's turn,
    /// and the answer not overdue. The table has already checked the role.
    static func checkMove(_ action: OrderAction, _ order: Order, _ actor: Actor, _ now: Instant) throws(Refusal) {
        guard let n = order.dispute?.negotiation else { throw .olderDispute }
        let side = actor.kind
        func onTime() throws(Refusal) {
            if let due = n.due, now >= due, let outcome = n.defaultOutcome { throw .answerOverdue(due: due, outcome: outcome) }
        }
        if action == .disputeTimeout {
            guard order.dueTimeout(at: now) == .disputeTimeout else { throw .deadlineNotPassed(order.nextDeadline?.kind) }
            return
        }
        if n.kind.claimant == .supplier {
            try checkBalanceClaimMove(action, n, side, onTime)
            return
        }
        switch action {
        case .counter, .askEvidence:
            guard n.stage == .awaitingSupplier else { throw .notYourMove(answering: n.stage.answering, stage: n.stage) }
            try onTime()
        case .agree:
            guard n.stage.answering == side else { throw .notYourMove(answering: n.stage.answering, stage: n.stage) }
            guard let table = n.onTable, table.by != side else { throw .nothingToAgree }
            try onTime()
        case .editClaim:
            guard n.stage != .escalated else { throw .notYourMove(answering: .platform, stage: n.stage) }
            try onTime()
        case .escalate:
            switch n.stage {
            case .awaitingSupplier: throw .escalateNotYet(due: n.due)
            case .escalated: throw .notYourMove(answering: .platform, stage: n.stage)
            case .awaitingBuyer, .awaitingEvidence: try onTime()
            }
        case .decide:
            guard n.stage == .escalated else { throw .notEscalated }
        case .withdraw:
            guard side == .buyer else { throw .notClaimant(.buyer) }
        case .addEvidence:
            break
        default:
            break
        }
    }

    /// The moves on the supplier's balance claim: the buyer agrees to pay or escalates while it
    /// is the buyer's move and in time; the supplier may withdraw; either adds evidence; the
    /// platform decides once escalated. The buyer's-claim moves (counter, evidence request,
    /// edit) have no place in it.
    private static func checkBalanceClaimMove(_ action: OrderAction, _ n: Negotiation, _ side: PartyKind?,
                                              _ onTime: () throws(Refusal) -> Void) throws(Refusal) {
        switch action {
        case .counter, .askEvidence, .editClaim:
            throw .balanceClaimMove(action)
        case .agree, .escalate:
            guard n.stage == .awaitingBuyer else { throw .notYourMove(answering: n.stage.answering, stage: n.stage) }
            guard side == .buyer else { throw .notYourMove(answering: .buyer, stage: n.stage) }
            try onTime()
        case .withdraw:
            guard side == .supplier else { throw .notClaimant(.supplier) }
        case .decide:
            guard n.stage == .escalated else { throw .notEscalated }
        default:
            break
        }
    }
}
