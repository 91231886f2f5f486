/// The domain's single decision point: given an order, who acts, what they ask and the context,
/// either refuse with a reason or return the complete next state. Pure: no I/O, no clock
/// reads — the store loads, calls this, and writes the result in one transaction.
public enum Workflow {
    public static func decide(_ order: Order, _ command: OrderCommand, by actor: Actor,
                              context: DecisionContext) throws(Refusal) -> Decision {
        let action = command.action
        if let refusal = disputeRefusal(action, order) { throw refusal }
        if let refusal = precheck(action, state: order.state, code: order.code, supplier: order.supplier, buyer: order.buyer,
                                  initiator: order.initiator, by: actor) {
            throw refusal
        }

        var next = order
        var ledger: [LedgerEntry] = []
        var payment: PaymentRecord?
        var payload: [AuditEvent.Field] = []
        var recompute = false
        var penalty: PenaltyAssessment?
        let now = context.now

        switch command {
        case let .edit(contract):
            try checkEditable(contract)
            next.contract = contract
            // Every term, so the log alone can say what was agreed (DESIGN §3).
            payload += [.init("total", MoneyFormat.decimal(next.total)), .init("contract", ContractEncoding.encode(contract))]

        case .submit:
            try checkSubmit(order, context)
            next.state = .awaitingConfirmation
            next.submittedAt = now
            next.lastReason = nil
            payload.append(.init("total", MoneyFormat.decimal(order.total)))

        case .confirm:
            let rate = try checkConfirm(order, context)
            let available = context.coverableLimit
            let coverage: Coverage
            do { coverage = try Coverage.preview(total: order.total, rate: rate, available: available) } catch { throw .rate(error) }
            next.coverage = coverage
            next.state = .awaitingPayment
            next.confirmedAt = now
            next.paymentLink = context.newPaymentLink
            if coverage.covered.isPositive {
                ledger.append(LedgerEntry(kind: .reserve, supplier: order.supplier, order: order.code,
                                          amount: coverage.covered, rateMicros: rate.microUnitsPerUSD))
            }
            // The coverage, the rate that fixed it and the link issued: what replay needs to decide again.
            payload += [.init("covered", MoneyFormat.decimal(coverage.covered)),
                        .init("uncovered", MoneyFormat.decimal(coverage.uncovered)),
                        .init("totalUSD", MoneyFormat.decimal(coverage.totalUSD)),
                        .init("rate", rate.decimalString),
                        .init("rateMicros", String(rate.microUnitsPerUSD)),
                        .init("rateDate", rate.effective.iso),
                        .init("link", context.newPaymentLink?.text ?? "")]

        case let .requestChanges(reason):
            let reason = try text(reason, "reason", 1000)
            next.state = .draft
            next.submittedAt = nil
            next.lastReason = reason
            payload.append(.init("reason", reason))

        case let .cancel(reason):
            let reason = try text(reason, "reason", 1000)
            try checkCancel(order)
            ledger += release(order)
            next.state = .cancelled
            next.endedAt = now
            next.lastReason = reason
            payload.append(.init("reason", reason))

        case let .pay(amount, method, key):
            if let original = order.payments.first(where: { $0.key == key }) {
                guard original.amount == amount else { throw .idempotencyConflict(key: key.value, original: original.amount) }
                // Audited under its own name: it changes nothing, so it bumps no version.
                let replay = AuditEvent(actor: actor.description, action: Workflow.replayAction, order: order.code,
                                        fromState: order.state, toState: order.state, at: now, payload: [.init("key", key.value)])
                return Decision(before: order, after: order, event: replay,
                                ledger: [], payment: nil, recomputeLimit: false, isReplay: true)
            }
            guard amount.currency == order.currency else {
                throw .paymentCurrency(expected: order.currency.code, got: amount.currency.code)
            }
            let (term, due) = try checkPayable(order)
            guard amount.isPositive, amount.minorUnits <= due.minorUnits else { throw .overpayment(maximum: due, term: term) }
            let record = PaymentRecord(key: key, term: term, amount: amount, method: method, at: now)
            next.payments.append(record)
            payment = record
            if term == .advance && next.outstanding(.advance).isZero {
                next.state = .advancePaid
                next.advancePaidAt = now
                if next.balanceAmount.isZero { next.balancePaidAt = now }
            } else if term == .balance && next.outstanding(.balance).isZero {
                next.balancePaidAt = now
            }
            payload += [.init("amount", MoneyFormat.decimal(amount)), .init("currency", amount.currency.code),
                        .init("term", term.rawValue), .init("method", method.rawValue), .init("key", key.value)]

        case .startProduction:
            try checkAdvance(order)
            next.state = .inProduction
            next.productionStartedAt = now

        case let .logContact(note):
            let note = try text(note, "note", 2000)
            guard let by = actor.handle else { throw .systemOnly(action) }
            next.contacts.append(ContactEntry(at: now, by: by, note: note))
            let inTime = next.contactInTime
            payload += [.init("note", note), .init("inTime", inTime ? "yes" : "no")]

        case let .tick(item, note):
            let note = try text(note, "note", 2000, required: false)
            guard order.checklist[item] == nil else { throw .alreadyTicked(item) }
            try checkTickGuard(item, order, now)
            guard let by = actor.handle else { throw .systemOnly(action) }
            next.checklist[item] = ChecklistTick(by: by, at: now, note: note)
            payload += [.init("item", item.rawValue), .init("note", note)]

        case let .untick(item, note):
            let note = try text(note, "note", 2000)
            guard order.checklist[item] != nil else { throw .notTicked(item) }
            next.checklist[item] = nil
            payload += [.init("item", item.rawValue), .init("note", note)]

        case .ready:
            try checkReady(order)
            next.state = .readyToShip
            next.readyAt = now

        case let .ship(carrier, tracking):
            let carrier = try text(carrier, "carrier", 100)
            let tracking = try text(tracking, "tracking number", 100)
            try checkShip(order, now)
            next.shipment = Shipment(carrier: carrier, tracking: tracking, at: now)
            next.state = .shipped
            payload += [.init("carrier", carrier), .init("tracking", tracking)]

        case .confirmReceipt:
            next.state = .completed
            next.receivedAt = now
            payload += protectionWindow(&next, context)

        case let .requestExtension(days, reason):
            let reason = try text(reason, "reason", 1000)
            try checkExtensionRoom(order)
            guard (1...DeadlineRules.maxExtensionDays).contains(days) else { throw .extensionDays(days) }
            let remaining = DeadlineRules.maxExtensionDays - order.extensionDays
            guard days <= remaining else { throw .extensionCap(remaining: remaining) }
            next.pendingExtension = ExtensionRequest(days: days, reason: reason, at: now)
            payload += [.init("days", String(days)), .init("reason", reason)]

        case .acceptExtension:
            let request = try checkPendingExtension(order)
            next.extensionDays += request.days
            next.pendingExtension = nil
            next.extensionHistory.append(AnsweredExtension(request: request, accepted: true, answeredAt: now))
            payload.append(.init("days", String(request.days)))

        case .declineExtension:
            let request = try checkPendingExtension(order)
            next.pendingExtension = nil
            next.extensionHistory.append(AnsweredExtension(request: request, accepted: false, answeredAt: now))
            payload.append(.init("days", String(request.days)))

        case .extendReceipt:
            try checkReceiptExtensible(order, actor)
            if let kind = actor.kind { next.receiptExtendedBy.insert(kind) }
            payload.append(.init("days", String(DeadlineRules.receiptExtensionDays)))

        case let .dispute(reason, amount):
            let reason = try text(reason, "reason", 2000)
            try checkDisputable(order, now)
            let paid = order.paidTotal
            let claimed = amount ?? paid
            guard claimed.currency == order.currency, claimed.isPositive, claimed.minorUnits <= paid.minorUnits else {
                throw .disputeAmount(maximum: paid)
            }
            next.dispute = Dispute(reason: reason, amount: claimed, openedAt: now, fromState: order.state)
            next.state = .disputed
            payload += [.init("reason", reason), .init("amount", MoneyFormat.decimal(claimed))]

        case let .resolve(refund):
            try checkResolvable(order)
            let paid = order.paidTotal
            guard refund.currency == order.currency, !refund.isNegative, refund.minorUnits <= paid.minorUnits else {
                throw .refundAmount(maximum: paid)
            }
            if refund.isPositive {
                ledger += release(order)
                next.state = .refunded
                next.refunded = refund
                next.endedAt = now
            } else {
                next.state = order.dispute?.fromState ?? .advancePaid
            }
            next.dispute = nil
            payload.append(.init("refund", MoneyFormat.decimal(refund)))

        case let .proposeChange(contract, routeFreight, reason):
            payload += try proposeChange(order, &next, contract, routeFreight: routeFreight, reason: reason, by: actor, now: now)

        case let .acceptChange(number):
            payload += try acceptChange(order, &next, number: number, by: actor, context: context, ledger: &ledger)

        case let .rejectChange(number, reason):
            payload += try rejectChange(order, &next, number: number, reason: reason, by: actor, now: now)

        case .autoCancel, .autoComplete, .close:
            if command == .close { try checkProtectionOver(order, now) } else { try checkTimeout(order, command, now) }
            switch command {
            case .autoCancel:
                ledger += release(order)
                next.state = .cancelled
                next.endedAt = now
                next.lastReason = "deadline passed"
            case .autoComplete:
                next.state = .completed
                next.receivedAt = now
                payload += protectionWindow(&next, context)
            default:
                ledger += release(order)
                next.state = .closed
                next.endedAt = now
                recompute = true
            }

        case let .recordRefund(reference):
            let reference = try text(reference, "reference", 200)
            try checkRefundPending(order)
            next.disputeOutcome?.refundPaid = RefundPaid(at: now, reference: reference)
            payload += [.init("refund", MoneyFormat.decimal(order.refunded ?? .zero(order.currency))), .init("reference", reference)]

        case .openDispute, .counter, .askEvidence, .addEvidence, .agree, .editClaim, .withdraw, .escalate, .decide, .disputeTimeout,
             .claimBalance:
            let step = try decideDispute(order, command, by: actor, now: now)
            next = step.next
            ledger += step.ledger
            payload += step.payload
            penalty = step.penalty
        }

        // A proposal still waiting when the order leaves the states where contracts change
        // (shipped, cancelled, disputed) can no longer be answered: it is superseded.
        if !TransitionTable.amendable.contains(next.state), let last = next.amendments.indices.last,
           next.amendments[last].status == .requested {
            next.amendments[last].status = .superseded
            next.amendments[last].answeredAt = now
        }
        next.version = order.version + 1
        var decision = Decision(before: order, after: next, event: event(order, next, actor, action, now, payload),
                                ledger: ledger, payment: payment, recomputeLimit: recompute, isReplay: false)
        decision.penalty = penalty
        return decision
    }

    /// A dispute's outcome made a refund due that nobody has recorded yet.
    static func checkRefundPending(_ order: Order) throws(Refusal) {
        guard let outcome = order.disputeOutcome, outcome.refundDue != nil else { throw .noRefundDue }
        if let paid = outcome.refundPaid { throw .refundRecorded(at: paid.at, reference: paid.reference) }
    }

    /// Evidence on a dispute that has ended gets its own sentence, not "not possible while refunded".
    /// A payment while the supplier's balance claim is open gets its own sentence too: the
    /// buyer is told how to settle the claim, not only that paying is not possible now.
    static func disputeRefusal(_ action: OrderAction, _ order: Order) -> Refusal? {
        if action == .pay, order.state == .disputed, order.dispute?.negotiation?.kind == .balanceUnpaid { return .balanceClaimOpen }
        guard action == .addEvidence, order.state != .disputed, let outcome = order.disputeOutcome else { return nil }
        return .disputeClosed(outcome.how)
    }

    /// Receipt fixes the protection window by the buyer's tier; the event says so only for a
    /// window other than the standard one (older logs never had one).
    static func protectionWindow(_ next: inout Order, _ context: DecisionContext) -> [AuditEvent.Field] {
        next.protectionDays = context.buyerTier.protectionDays
        return next.protectionDays == DeadlineRules.protectionDays ? [] : [.init("protectionDays", String(next.protectionDays))]
    }

    /// The audit action of a payment whose idempotency key was seen before (nothing recorded).
    public static let replayAction = "pay-replay"

    /// The first draft of an order: who drafts it and the contract as typed so far.
    public static func draft(code: OrderCode, supplier: Handle, buyer: Handle, by actor: Actor, contract: Contract,
                             context: DecisionContext) throws(Refusal) -> (Order, AuditEvent) {
        guard let kind = actor.kind, kind == .supplier || kind == .buyer,
              actor.handle == (kind == .supplier ? supplier : buyer) else { throw .notAParty(code) }
        try checkSupplier(context)
        try checkEditable(contract)
        let order = Order(code: code, supplier: supplier, buyer: buyer, initiator: kind, contract: contract, createdAt: context.now)
        return (order, draftEvent(order, by: actor))
    }

    /// The event of a first draft: who, with whom, and every contract term (the bulk seeder
    /// writes the same event without going through `draft`).
    public static func draftEvent(_ order: Order, by actor: Actor) -> AuditEvent {
        let counterparty = order.initiator == .supplier ? order.buyer : order.supplier
        return AuditEvent(actor: actor.description, action: "draft", order: order.code, fromState: nil, toState: .draft,
                          at: order.createdAt, payload: [.init("total", MoneyFormat.decimal(order.total)),
                                                         .init("counterparty", counterparty.value),
                                                         .init("contract", ContractEncoding.encode(order.contract))])
    }

    // MARK: Guards

    /// A draft may be incomplete, but never hold unstorable text or amounts.
    static func checkEditable(_ contract: Contract) throws(Refusal) {
        let hard = contract.problems(today: CalendarDate(daysSinceEpoch: 0)).filter {
            switch $0 {
            case .line, .field, .currency, .negative, .totalOverflow: return true
            default: return false
            }
        }.filter { problem in
            // Empty fields and missing prices are fine while drafting; unstorable values are not.
            if case let .line(_, why) = problem { return !why.contains("must not be empty") && !why.contains("greater than zero") }
            if case let .field(why) = problem { return !why.contains("must not be empty") }
            return true
        }
        guard hard.isEmpty else { throw .contractIncomplete(hard) }
    }

    static func checkSupplier(_ context: DecisionContext) throws(Refusal) {
        guard context.supplierActive else { throw .supplierNotActive }
        guard !context.supplierSuspended else { throw .supplierSuspended }
    }

    static func checkTickGuard(_ item: ChecklistItem, _ order: Order, _ now: Instant) throws(Refusal) {
        switch item {
        case .contact:
            guard order.contactInTime else { throw .contactNotInTime(lastDay: order.lastContactDate) }
        case .advance:
            guard order.outstanding(.advance).isZero else { throw .advanceNotReceived }
        case .shipdate:
            guard let last = order.lastShipDate else { throw .shipDateUnknown }
            guard now.utcDate <= last else { throw .shipDeadlinePassed(lastDay: last) }
        default:
            break
        }
    }

    static func text(_ value: String, _ field: String, _ max: Int, required: Bool = true, newlines: Bool = false) throws(Refusal) -> String {
        do { return try TextRules.validate(value, field: field, maxLength: max, required: required, allowNewlines: newlines) } catch { throw .text(error) }
    }

    /// The release of this order's reservation, if it holds one (at most once: only states that
    /// hold a reservation lead here, and they leave for a state that does not).
    static func release(_ order: Order) -> [LedgerEntry] {
        guard order.state.holdsReservation, let covered = order.coverage?.covered, covered.isPositive else { return [] }
        return [LedgerEntry(kind: .release, supplier: order.supplier, order: order.code, amount: covered)]
    }

    static func event(_ before: Order, _ after: Order, _ actor: Actor, _ action: OrderAction, _ now: Instant,
                      _ payload: [AuditEvent.Field]) -> AuditEvent {
        AuditEvent(actor: actor.description, action: action.rawValue, order: before.code, fromState: before.state,
                   toState: after.state, at: now, payload: payload)
    }

    /// Whether `actor` may take `action` on an order in `state` at all — the table's state and
    /// role columns, before any guard. Screens use it to explain disabled actions with the very
    /// sentence `decide` would give.
    public static func precheck(_ action: OrderAction, state: OrderState, code: OrderCode, supplier: Handle, buyer: Handle,
                                initiator: PartyKind, by actor: Actor) -> Refusal? {
        let roles = Order.roles(of: actor, supplier: supplier, buyer: buyer, initiator: initiator)
        if roles.isEmpty, actor.kind != .platform { return .notAParty(code) }
        guard let row = TransitionTable.row(for: action, from: state) else { return .wrongState(action, state) }
        guard !roles.contains(row.by) else { return nil }
        if row.by == .system { return .systemOnly(row.action) }
        if roles.isEmpty && row.by != .platform { return .notAParty(code) }
        if row.action == .confirm && roles.contains(.initiator) { return .ownDraft(drafter: initiator) }
        let party: PartyKind? = switch row.by {
        case .supplier: .supplier
        case .buyer: .buyer
        case .initiator: initiator
        case .counterparty: initiator == .supplier ? .buyer : .supplier
        default: nil
        }
        return .notPermitted(row.action, required: row.by, order: code, requiredParty: party)
    }
}
