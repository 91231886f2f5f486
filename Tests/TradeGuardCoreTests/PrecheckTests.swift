import Testing
@testable import TradeGuardCore

/// `Workflow.precheck(_:on:by:context:)` — what screens offer — allows an action exactly when
/// `decide` takes it with some valid arguments, and otherwise gives decide's own refusal.
struct PrecheckTests {
    typealias F = Fixture

    /// Orders in every state, both drafters, both balance terms, and the corners the hint bar
    /// got wrong: a checklist complete, an extension pending, the balance paid.
    static var orders: [(String, Order)] {
        var list: [(String, Order)] = []
        for state in OrderState.allCases {
            for initiator in [PartyKind.supplier, .buyer] {
                for due in [BalanceDue.beforeShipment, .afterShipment] {
                    list.append(("\(state.rawValue)/\(initiator.rawValue)/\(due.rawValue)", F.order(in: state, initiator: initiator, balanceDue: due)))
                }
            }
        }
        let producing = F.order(in: .inProduction)
        list.append(("checklist done", F.workChecklist(producing)))
        list.append(("extension pending", F.apply(producing, .requestExtension(days: 10, reason: "port strike"), by: F.supplier)))
        list.append(("contact only", F.apply(producing, .logContact(note: "called"), by: F.supplier)))
        list.append(("change pending, unpaid", F.apply(F.order(in: .awaitingPayment), .proposeChange(F.cheaper(F.contract()), routeFreight: nil, reason: "discount"), by: F.supplier)))
        list.append(("change pending, paid", F.apply(producing, .proposeChange(F.moved(F.contract()), routeFreight: nil, reason: "new dock"), by: F.buyer)))
        let claimed = F.claimed()
        list.append(("claimed", claimed))
        let countered = F.apply(claimed, .counter(remedy: .partialRefund, amount: F.usd(10_000), note: "offer"), by: F.supplier)
        list.append(("countered", countered))
        list.append(("evidence asked", F.apply(claimed, .askEvidence(note: "photos"), by: F.supplier)))
        list.append(("escalated", F.apply(countered, .escalate(note: "too low"), by: F.buyer)))
        list.append(("refunded by agreement", F.apply(claimed, .agree, by: F.supplier)))
        let balanceClaimed = F.apply(F.order(in: .completed, balanceDue: .afterShipment), .claimBalance(reason: "unpaid"), by: F.supplier)
        list.append(("balance claimed", balanceClaimed))
        list.append(("balance claim escalated", F.apply(balanceClaimed, .escalate(note: "short delivery"), by: F.buyer)))
        return list
    }

    /// Every way of taking `action` a person could type (one of each argument that can differ).
    static func candidates(_ action: OrderAction, _ order: Order) -> [OrderCommand] {
        switch action {
        case .edit: return [.edit(order.contract)]
        case .submit: return [.submit]
        case .confirm: return [.confirm]
        case .requestChanges: return [.requestChanges(reason: "r")]
        case .cancel: return [.cancel(reason: "r")]
        case .pay:
            let due = order.payableNow?.due ?? F.usd(1)
            return [.pay(amount: due, method: .tt, key: F.key("fresh-key"))]
        case .startProduction: return [.startProduction]
        case .logContact: return [.logContact(note: "n")]
        case .tick: return ChecklistItem.allCases.map { .tick($0, note: "") }
        case .untick: return ChecklistItem.allCases.map { .untick($0, note: "n") }
        case .ready: return [.ready]
        case .ship: return [.ship(carrier: "c", tracking: "t")]
        case .confirmReceipt: return [.confirmReceipt]
        case .requestExtension: return [.requestExtension(days: 1, reason: "r")]
        case .acceptExtension: return [.acceptExtension]
        case .declineExtension: return [.declineExtension]
        case .extendReceipt: return [.extendReceipt]
        case .dispute: return [.dispute(reason: "r", amount: nil), .openDispute(kind: .notAsAgreed, remedy: .fullRefund, amount: nil, reason: "r"),
                               .openDispute(kind: .notShipped, remedy: .fullRefund, amount: nil, reason: "r"),
                               .openDispute(kind: .notReceived, remedy: .fullRefund, amount: nil, reason: "r")]
        case .resolve: return [.resolve(refund: Money.zero(order.currency))]
        case .autoCancel: return [.autoCancel]
        case .autoComplete: return [.autoComplete]
        case .close: return [.close]
        case .proposeChange:
            var route = order.contract
            route.shippingMethod = .air
            return [.proposeChange(F.moved(order.contract), routeFreight: nil, reason: "r"),
                    .proposeChange(F.cheaper(order.contract), routeFreight: nil, reason: "r"),
                    .proposeChange(route, routeFreight: order.contract.freight, reason: "r")]
        case .acceptChange: return order.pendingAmendment.map { [.acceptChange(number: $0.number)] } ?? []
        case .rejectChange: return order.pendingAmendment.map { [.rejectChange(number: $0.number, reason: "r")] } ?? []
        case .counter: return [.counter(remedy: .partialRefund, amount: F.usd(1), note: "n")]
        case .askEvidence: return [.askEvidence(note: "n")]
        case .addEvidence: return [.addEvidence(description: "d", reference: "")]
        case .agree: return [.agree]
        case .editClaim: return [.editClaim(remedy: .partialRefund, amount: F.usd(1), note: "n")]
        case .withdraw: return [.withdraw(reason: "r")]
        case .escalate: return [.escalate(note: "n")]
        case .decide: return [.decide(remedy: .noRemedy, amount: nil, reasoning: "r")]
        case .claimBalance: return [.claimBalance(reason: "r")]
        case .disputeTimeout: return [.disputeTimeout]
        case .recordRefund: return [.recordRefund(reference: "TT-1")]
        }
    }

    @Test(arguments: [F.t0, F.t0.adding(days: 45), F.t0.adding(days: 400)])
    func precheckAgreesWithDecide(_ now: Instant) {
        let context = F.context(now)
        var allowed = 0
        for (name, order) in Self.orders {
            for action in OrderAction.allCases {
                for actor in F.everyone {
                    let outcomes: [Refusal?] = Self.candidates(action, order).map { command in
                        do throws(Refusal) { _ = try Workflow.decide(order, command, by: actor, context: context); return nil }
                        catch { return error }
                    }
                    let decided = outcomes.contains { $0 == nil }
                    let pre = Workflow.precheck(action, on: order, by: actor, context: context)
                    #expect((pre == nil) == decided, "\(name): \(action.rawValue) by \(actor): precheck \(String(describing: pre))")
                    if decided { allowed += 1 }
                    if outcomes.count == 1, let refusal = outcomes[0] {
                        #expect(pre == refusal, "\(name): \(action.rawValue) by \(actor)")
                    }
                }
            }
        }
        #expect(allowed > 0)
    }

    @Test func theFindingsOfIssue19() {
        let context = F.context()
        let done = F.workChecklist(F.order(in: .inProduction))
        #expect(Workflow.precheck(.tick, on: done, by: F.supplier, context: context) == .checklistComplete)
        #expect(Workflow.precheck(.acceptExtension, on: done, by: F.buyer, context: context) == .noExtensionPending)
        #expect(Workflow.precheck(.pay, on: F.order(in: .completed), by: F.buyer, context: context) == .nothingDue)
    }

    @Test func aSupplierNotActivatedCoversNothing() {
        var context = F.context()
        context.supplierActive = false
        #expect(context.coverableLimit == F.usd(0))
        context.supplierActive = true
        #expect(context.coverableLimit == context.available)
        context.supplierSuspended = true
        #expect(context.coverableLimit == F.usd(0))
    }
}
