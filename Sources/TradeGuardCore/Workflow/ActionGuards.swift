/// The guards of each action that do not depend on what the person types (an amount, a note,
/// an item): `decide` runs them, and `precheck(_:on:by:context:)` runs the very same ones, so
/// a screen offers an action exactly when the workflow would take it.
extension Workflow {
    /// Whether `actor` may take `action` on `order` now, with some valid arguments: the table's
    /// state and role columns, then the action's guards. Nil when allowed; else the refusal
    /// `decide` would give. Pure and cheap (no result is built): the hint bar asks it per frame.
    public static func precheck(_ action: OrderAction, on order: Order, by actor: Actor,
                                context: DecisionContext) -> Refusal? {
        if let refusal = disputeRefusal(action, order) { return refusal }
        if let refusal = precheck(action, state: order.state, code: order.code, supplier: order.supplier, buyer: order.buyer,
                                  initiator: order.initiator, by: actor) {
            return refusal
        }
        do throws(Refusal) {
            try guards(action, order, actor, context)
            return nil
        } catch {
            return error
        }
    }

    /// The argument-free guards of `action`, in the order `decide` meets them.
    static func guards(_ action: OrderAction, _ order: Order, _ actor: Actor, _ context: DecisionContext) throws(Refusal) {
        switch action {
        case .edit, .requestChanges, .logContact, .confirmReceipt:
            break
        case .resolve: try checkResolvable(order)
        case .submit: try checkSubmit(order, context)
        case .confirm: _ = try checkConfirm(order, context)
        case .cancel: try checkCancel(order)
        case .pay: _ = try checkPayable(order)
        case .startProduction: try checkAdvance(order)
        case .tick: try checkSomethingTickable(order, context.now)
        case .untick:
            guard ChecklistItem.allCases.contains(where: { order.checklist[$0] != nil }) else { throw .nothingTicked }
        case .ready: try checkReady(order)
        case .ship: try checkShip(order, context.now)
        case .requestExtension: try checkExtensionRoom(order)
        case .acceptExtension, .declineExtension: _ = try checkPendingExtension(order)
        case .extendReceipt: try checkReceiptExtensible(order, actor)
        case .dispute: try checkDisputable(order, context.now)
        case .autoCancel: try checkTimeout(order, .autoCancel, context.now)
        case .autoComplete: try checkTimeout(order, .autoComplete, context.now)
        case .close: try checkProtectionOver(order, context.now)
        case .proposeChange: try checkSomethingAmendable(order, actor)
        case .acceptChange, .rejectChange: _ = try checkAnswerable(order, number: nil, actor)
        case .counter, .askEvidence, .addEvidence, .agree, .editClaim, .withdraw, .escalate, .decide, .disputeTimeout:
            try checkMove(action, order, actor, context.now)
        case .recordRefund: try checkRefundPending(order)
        case .claimBalance: try checkBalanceOwed(order)
        }
    }

    static func checkSubmit(_ order: Order, _ context: DecisionContext) throws(Refusal) {
        try checkSupplier(context)
        let problems = order.contract.problems(today: context.now.utcDate)
        guard problems.isEmpty else { throw .contractIncomplete(problems) }
    }

    /// The contract is still valid and a rate converts it; returns that rate.
    static func checkConfirm(_ order: Order, _ context: DecisionContext) throws(Refusal) -> ExchangeRate {
        let problems = order.contract.problems(today: context.now.utcDate)
        guard problems.isEmpty else { throw .contractIncomplete(problems) }
        guard let rate = order.currency == .usd ? ExchangeRate.usd(on: context.now.utcDate) : context.rate,
              rate.currency == order.currency else { throw .missingRate(currency: order.currency.code) }
        return rate
    }

    /// `resolve` refunds the buyer: the older way to end a buyer's claim, never the supplier's
    /// balance claim (the platform decides that one: pay-balance or none).
    static func checkResolvable(_ order: Order) throws(Refusal) {
        if order.dispute?.negotiation?.kind == .balanceUnpaid { throw .balanceClaimMove(.resolve) }
    }

    static func checkBalanceOwed(_ order: Order) throws(Refusal) {
        guard order.balanceOwedAfterReceipt else { throw .noBalanceOwed(code: order.code) }
    }

    static func checkCancel(_ order: Order) throws(Refusal) {
        guard order.paidTotal.isZero else { throw .moneyReceived }
    }

    static func checkPayable(_ order: Order) throws(Refusal) -> (term: PaymentTerm, due: Money) {
        guard let payable = order.payableNow else { throw .nothingDue }
        return payable
    }

    static func checkAdvance(_ order: Order) throws(Refusal) {
        guard order.outstanding(.advance).isZero else { throw .advanceNotReceived }
    }

    /// Some open item can be ticked now; else why the first open one cannot.
    static func checkSomethingTickable(_ order: Order, _ now: Instant) throws(Refusal) {
        let open = order.missingChecklistItems
        guard let first = open.first else { throw .checklistComplete }
        for item in open {
            do throws(Refusal) { try checkTickGuard(item, order, now); return } catch {}
        }
        try checkTickGuard(first, order, now)
    }

    static func checkReady(_ order: Order) throws(Refusal) {
        let missing = order.missingChecklistItems
        guard missing.isEmpty else { throw .checklistIncomplete(missing) }
        guard order.balanceSettledForShipping else { throw .balanceOutstanding(order.outstanding(.balance)) }
    }

    static func checkShip(_ order: Order, _ now: Instant) throws(Refusal) {
        guard order.balanceSettledForShipping else { throw .balanceOutstanding(order.outstanding(.balance)) }
        guard let last = order.lastShipDate else { throw .shipDateUnknown }
        guard now.utcDate <= last else { throw .shipDeadlinePassed(lastDay: last) }
    }

    static func checkExtensionRoom(_ order: Order) throws(Refusal) {
        try checkTable(.dispatchTime, order, .supplier)
        guard order.pendingExtension == nil else { throw .extensionPending }
        let remaining = DeadlineRules.maxExtensionDays - order.extensionDays
        guard remaining > 0 else { throw .extensionCap(remaining: 0) }
    }

    static func checkPendingExtension(_ order: Order) throws(Refusal) -> ExtensionRequest {
        // The supplier's right to move the dispatch time, checked again when the buyer answers.
        try checkTable(.dispatchTime, order, .supplier)
        guard let request = order.pendingExtension else { throw .noExtensionPending }
        return request
    }

    static func checkReceiptExtensible(_ order: Order, _ actor: Actor) throws(Refusal) {
        if let kind = actor.kind { try checkTable(.receiptWindow, order, kind) }
        guard let kind = actor.kind, !order.receiptExtendedBy.contains(kind) else { throw .receiptAlreadyExtended }
    }

    static func checkDisputable(_ order: Order, _ now: Instant) throws(Refusal) {
        guard order.paidTotal.isPositive else { throw .nothingPaid }
        if order.state == .completed, let ends = order.protectionEnds, now >= ends { throw .protectionWindowOver(days: order.protectionDays) }
    }

    /// The sweep no longer closes an order whose balance is owed (`dueTimeout`), but releases
    /// before that did, and `check` replays their closes: the window's end is what makes one valid.
    static func checkProtectionOver(_ order: Order, _ now: Instant) throws(Refusal) {
        guard let ends = order.protectionEnds, now >= ends else { throw .deadlineNotPassed(order.nextDeadline?.kind) }
    }

    static func checkTimeout(_ order: Order, _ command: OrderCommand, _ now: Instant) throws(Refusal) {
        guard order.dueTimeout(at: now) == command else { throw .deadlineNotPassed(order.nextDeadline?.kind) }
    }
}
