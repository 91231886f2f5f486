import Testing
@testable import TradeGuardCore

/// Every (state, action, actor) triple, generated: allowed ones reach the table's target with its
/// effects; every other one is refused with the specific reason.
struct TransitionTableTests {
    struct Triple: Sendable, CustomTestStringConvertible {
        let state: OrderState
        let action: OrderAction
        let actor: Actor
        let initiator: PartyKind
        var testDescription: String { "\(state.rawValue) \(action.rawValue) by \(actor) (drafted by \(initiator.rawValue))" }
    }

    static let triples: [Triple] = OrderState.allCases.flatMap { state in
        OrderAction.allCases.flatMap { action in
            Fixture.everyone.flatMap { actor in
                [PartyKind.supplier, .buyer].map { Triple(state: state, action: action, actor: actor, initiator: $0) }
            }
        }
    }

    @Test func everyStateAndActionIsCovered() {
        #expect(Self.triples.count == OrderState.allCases.count * OrderAction.allCases.count * 6 * 2)
        // Every action is possible from somewhere; terminal states allow nothing but recording,
        // after the fact, the refund a dispute's outcome made due (it changes no state).
        for action in OrderAction.allCases { #expect(!TransitionTable.states(for: action).isEmpty, "\(action)") }
        for state in OrderState.allCases where state.isTerminal {
            #expect(TransitionTable.rows.allSatisfy { !$0.from.contains(state) || ($0.action == .recordRefund && $0.to == .unchanged) }, "\(state)")
        }
        // One row per (action, state): the table is unambiguous.
        for state in OrderState.allCases {
            for action in OrderAction.allCases {
                #expect(TransitionTable.rows.filter { $0.action == action && $0.from.contains(state) }.count <= 1)
            }
        }
    }

    @Test(arguments: triples)
    func triple(_ t: Triple) throws {
        // Paying after shipment, and claiming a balance unpaid after receipt, need a balance due after shipment.
        let needsAfterShipmentBalance = (t.action == .pay && [.readyToShip, .shipped, .completed].contains(t.state)) || t.action == .claimBalance
        var order = Fixture.order(in: t.state, initiator: t.initiator,
                                  balanceDue: needsAfterShipmentBalance ? .afterShipment : .beforeShipment)
        var now = Fixture.t0
        // Arrange what the guards need, through the workflow itself.
        if t.action == .untick && t.state == .inProduction {
            order = Fixture.apply(order, .tick(.quality, note: "checked"), by: Fixture.supplier)
        }
        if (t.action == .acceptExtension || t.action == .declineExtension), TransitionTable.states(for: .requestExtension).contains(t.state) {
            order = Fixture.apply(order, .requestExtension(days: 10, reason: "port strike"), by: Fixture.supplier)
        }
        if t.action == .ready && t.state == .inProduction { order = Fixture.workChecklist(order) }
        if [.acceptChange, .rejectChange].contains(t.action), TransitionTable.amendable.contains(t.state) {
            // A proposal by the other side than the one answering.
            let proposer = t.actor == Fixture.supplier ? Fixture.buyer : Fixture.supplier
            order = Fixture.apply(order, .proposeChange(Fixture.moved(order.contract), routeFreight: nil, reason: "new dock"), by: proposer)
        }
        // The negotiation's actions act on a negotiated dispute, at the move each one answers.
        if Fixture.negotiationActions.contains(t.action) && t.state == .disputed {
            order = Fixture.claimed(initiator: t.initiator, balanceDue: order.contract.balanceDue)
            let buyersMove = (t.action == .agree && t.actor == Fixture.buyer) || t.action == .escalate || t.action == .decide
            if buyersMove { order = Fixture.apply(order, .counter(remedy: .partialRefund, amount: Fixture.usd(10_000), note: "we offer 100"), by: Fixture.supplier) }
            if t.action == .decide { order = Fixture.apply(order, .escalate(note: "too little"), by: Fixture.buyer) }
            // Either party withdraws the claim it made: the supplier its balance claim.
            if t.action == .withdraw && t.actor == Fixture.supplier {
                order = Fixture.apply(Fixture.order(in: .completed, initiator: t.initiator, balanceDue: .afterShipment),
                                      .claimBalance(reason: "unpaid"), by: Fixture.supplier)
            }
        }
        // A refund to record: one the parties agreed (the platform's older resolve makes none due).
        if t.action == .recordRefund && t.state == .refunded {
            order = Fixture.apply(Fixture.claimed(initiator: t.initiator, balanceDue: order.contract.balanceDue), .agree, by: Fixture.supplier)
        }
        if [.autoCancel, .autoComplete, .close, .disputeTimeout].contains(t.action) { now = Fixture.t0.adding(days: 100) }

        let command = goodCommand(t.action, order)
        let row = TransitionTable.row(for: t.action, from: t.state)
        let roles = order.roles(of: t.actor)
        let result = Result { () throws(Refusal) -> Decision in
            try Workflow.decide(order, command, by: t.actor, context: Fixture.context(now))
        }

        let isStranger = t.actor == Fixture.strangerSupplier || t.actor == Fixture.strangerBuyer
        guard !isStranger else { #expect(refusal(result) == .notAParty(order.code)); return }
        guard let row else { #expect(refusal(result) == .wrongState(t.action, t.state)); return }
        guard roles.contains(row.by) else {
            let expected: Refusal
            if row.by == .system { expected = .systemOnly(t.action) }
            else if t.action == .confirm && roles.contains(.initiator) { expected = .ownDraft(drafter: t.initiator) }
            else { expected = .notPermitted(t.action, required: row.by, order: order.code, requiredParty: order.party(playing: row.by)?.1) }
            #expect(refusal(result) == expected)
            return
        }

        // Allowed: the decision follows the table.
        let decision = try result.get()
        let after = decision.after
        switch row.to {
        case let .state(target): #expect(after.state == target)
        case .unchanged: #expect(after.state == t.state)
        case .advancePaidWhenComplete: #expect(after.state == .advancePaid)  // goodCommand pays in full
        case .refundedOrBack: #expect(after.state == .refunded)              // goodCommand refunds
        case .disputeDefault: #expect(after.state == t.state || after.state == order.dispute?.fromState)
        case .backFromDispute: #expect(after.state == order.dispute?.fromState)
        }
        #expect(after.version == order.version + 1)
        #expect(decision.event.action == t.action.rawValue)
        #expect(decision.event.fromState == t.state && decision.event.toState == after.state)
        #expect(decision.event.actor == t.actor.description)

        let reserves = decision.ledger.filter { $0.kind == .reserve }
        let releases = decision.ledger.filter { $0.kind == .release }
        if row.effects.contains(.reserveLimit) {
            #expect(reserves.count == 1 && reserves[0].amount == after.coverage?.covered)
            #expect(after.paymentLink != nil)
        } else {
            #expect(reserves.isEmpty)
        }
        if row.effects.contains(.releaseLimit) && t.state.holdsReservation {
            #expect(releases.count == 1 && releases[0].amount == order.coverage?.covered)
        } else {
            #expect(releases.isEmpty)
        }
        #expect(decision.recomputeLimit == row.effects.contains(.recomputeLimit))
    }

    private func refusal(_ result: Result<Decision, Refusal>) -> Refusal? {
        if case let .failure(refusal) = result { return refusal }
        Issue.record("expected a refusal, got \(result)")
        return nil
    }

    /// A command whose own arguments satisfy the guards.
    private func goodCommand(_ action: OrderAction, _ order: Order) -> OrderCommand {
        switch action {
        case .edit: var c = order.contract; c.remarks = "Pallets max 1 t"; return .edit(c)
        case .submit: return .submit
        case .confirm: return .confirm
        case .requestChanges: return .requestChanges(reason: "Please add labels")
        case .cancel: return .cancel(reason: "No longer needed")
        case .pay: return .pay(amount: order.payableNow?.due ?? Fixture.usd(1), method: .tt, key: Fixture.key("k-test"))
        case .startProduction: return .startProduction
        case .logContact: return .logContact(note: "Agreed pallet labels")
        case .tick: return .tick(.quality, note: "AQL 2.5 passed")
        case .untick: return .untick(.quality, note: "Re-inspect")
        case .ready: return .ready
        case .ship: return .ship(carrier: "Maersk", tracking: "MAEU7654321")
        case .confirmReceipt: return .confirmReceipt
        case .requestExtension: return .requestExtension(days: 14, reason: "Port congestion")
        case .acceptExtension: return .acceptExtension
        case .declineExtension: return .declineExtension
        case .extendReceipt: return .extendReceipt
        case .dispute: return .dispute(reason: "Hinges rust", amount: nil)
        case .resolve: return .resolve(refund: order.paidTotal)
        case .autoCancel: return .autoCancel
        case .autoComplete: return .autoComplete
        case .close: return .close
        case .proposeChange: return .proposeChange(Fixture.moved(order.contract), routeFreight: nil, reason: "Deliver to Bremerhaven")
        case .acceptChange: return .acceptChange(number: order.pendingAmendment?.number ?? 1)
        case .rejectChange: return .rejectChange(number: order.pendingAmendment?.number ?? 1, reason: "Keep Hamburg")
        case .counter: return .counter(remedy: .partialRefund, amount: Fixture.usd(5_000), note: "we offer 50")
        case .askEvidence: return .askEvidence(note: "photos of the rust")
        case .addEvidence: return .addEvidence(description: "photos of the hinges", reference: "rust-1.jpg")
        case .agree: return .agree
        case .editClaim: return .editClaim(remedy: .partialRefund, amount: Fixture.usd(20_000), note: "half then")
        case .withdraw: return .withdraw(reason: "sorted it out by phone")
        case .escalate: return .escalate(note: "the offer is too low")
        case .decide: return .decide(remedy: .fullRefund, amount: nil, reasoning: "photos show rust on every hinge")
        case .disputeTimeout: return .disputeTimeout
        case .recordRefund: return .recordRefund(reference: "TT-20261209-001")
        case .claimBalance: return .claimBalance(reason: "Invoice INV-88 unpaid")
        }
    }
}
