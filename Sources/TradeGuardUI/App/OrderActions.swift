import TradeGuardApplication
import TradeGuardCore
import TradeGuardStore

/// What each workflow action asks of a person before it runs: nothing, a form, and/or a
/// confirmation that names the action and the amount. The catalogue says which of these each
/// action does and what its fields hold; this file says it on screen. Every action ends in the
/// store's one entry point — the same as `tradeguard do`.
/// These functions only decide the next step (`ActionStep`) from what they are given; the app
/// carries it out (`AppModel.take`), so none of them needs the app.
enum OrderActions {
    /// The actions a party starts by key (the platform's `resolve` and the system's timeouts are
    /// not here; `edit` opens the contract form, a command of its own).
    static let keyed: [ActionEntry] = ActionCatalogue.keyed.filter { $0.action != .edit }

    /// A question before acting: what is asked, what it binds you to, the word for yes.
    struct Question {
        let text: String
        let details: [String]
        let yes: String
    }

    /// What starting `action` on `order` (the current version as the person sees it) leads to.
    /// `now` is the app's clock; `time` formats the dates a question names; `editKey` is the key
    /// bound to editing a draft, named where a draft needs fixing.
    static func start(_ action: OrderAction, on order: Order, now: Instant, time: TimeFormat, editKey: String,
                      reads: OrderActionReads) throws -> ActionStep {
        let entry = ActionCatalogue.entry(for: action)
        let code = order.code
        let version = order.version
        // Set by exactly one of the cases below (or they throw).
        var step: ActionStep?
        /// Asks first when the catalogue says so, else acts at once.
        func act(_ command: OrderCommand) throws {
            guard entry.asksFirst else { step = .perform(command, code: code, version: version, form: nil); return }
            let question = try Self.question(command, code: code, order: order, time: time, reads: reads)
            step = .ask(ConfirmModel(question: question.text, details: question.details, yes: question.yes,
                                     command: command, code: code, version: version, form: nil))
        }
        /// The form of the catalogue's fields, in its order, with what this order says about them.
        func form(_ title: String, _ context: [String], choices: [String] = [], initial: [String: String] = [:],
                  _ build: @escaping (FormModel) -> OrderCommand?) {
            let fields = entry.fields.filter(\.inApp).map { field in
                FormModel.field(field, currency: order.currency, choices: choices, initial: initial[field.label] ?? "")
            }
            step = .fill(FormModel(title: "\(title): \(code)", context: context, fields: fields, code: code, version: version, build: build))
        }
        switch action {
        case .submit:
            // Everything that would refuse it is said now, in full, before any question.
            let problems = order.contract.problems(today: now.utcDate)
            guard problems.isEmpty else {
                return .explain("\(code) cannot be submitted yet: \(problems.count == 1 ? "one thing needs" : "\(problems.count) things need") fixing (\(editKey) edits it)",
                                problems.map(\.description))
            }
            try act(.submit)
        case .confirm:
            try act(.confirm)
        case .requestChanges:
            form("Request changes", ["The contract goes back to its drafter with your reason."]) { f in f.text(0).map { .requestChanges(reason: $0) } }
        case .cancel:
            form("Cancel", ["Cancelling \(code) (\(order.total)) cannot be undone."]) { f in f.text(0).map { .cancel(reason: $0) } }
        case .pay:
            guard let (term, due) = order.payableNow else { throw StoreError.refused(.nothingDue) }
            // One key for this payment, kept across retries: the same payment is never recorded twice.
            let key = reads.newPaymentKey()
            form("Pay", ["\(term == .advance ? "Advance" : "Balance") due now: \(due) (partial payments are allowed).",
                         "Payment link \(order.paymentLink?.masked ?? "-"), key \(key)."],
                 initial: ["Amount": MoneyFormat.decimal(due)]) { f in
                guard let amount = f.amount(0), let method = PaymentMethod(rawValue: f.fields[1].value) else { return nil }
                // Refused here, not after a y/n: the maximum is known.
                guard amount.minorUnits <= due.minorUnits else {
                    f.fields[0].error = "At most \(due) is due now (\(term == .advance ? "advance" : "balance")); partial payments are allowed."
                    return nil
                }
                return .pay(amount: amount, method: method, key: key)
            }
        case .startProduction:
            try act(.startProduction)
        case .logContact:
            form("Log buyer contact", ["Contact is due by \(order.lastContactDate?.iso ?? "-") (7 days before delivery)."]) { f in
                f.text(0).map { .logContact(note: $0) }
            }
        case .tick:
            let open = order.missingChecklistItems.map(\.rawValue)
            guard !open.isEmpty else { throw StoreError.invalid("Every checklist item is ticked.") }
            form("Tick", ["Evidence is recorded with your name and the time."], choices: open) { f in
                guard let item = ChecklistItem(rawValue: f.fields[0].value), let note = f.text(1) else { return nil }
                return .tick(item, note: note)
            }
        case .untick:
            let done = ChecklistItem.allCases.filter { order.checklist[$0] != nil }.map(\.rawValue)
            guard !done.isEmpty else { throw StoreError.invalid("Nothing is ticked yet.") }
            form("Untick", ["Say why: the note is kept in the history."], choices: done) { f in
                guard let item = ChecklistItem(rawValue: f.fields[0].value), let note = f.text(1) else { return nil }
                return .untick(item, note: note)
            }
        case .ready:
            try act(.ready)
        case .ship:
            form("Ship", ["Ship by \(order.lastShipDate?.iso ?? "-")."]) { f in
                guard let carrier = f.text(0), let tracking = f.text(1) else { return nil }
                return .ship(carrier: carrier, tracking: tracking)
            }
        case .confirmReceipt:
            try act(.confirmReceipt)
        case .requestExtension:
            form("Request a shipping extension", ["\(order.extensionDays) of 90 days used; the buyer accepts or declines."]) { f in
                guard let days = f.days(0), let reason = f.text(1) else { return nil }
                return .requestExtension(days: days, reason: reason)
            }
        case .acceptExtension, .declineExtension:
            guard order.pendingExtension != nil else { throw StoreError.refused(.noExtensionPending) }
            try act(action == .acceptExtension ? .acceptExtension : .declineExtension)
        case .extendReceipt:
            try act(.extendReceipt)
        case .dispute:
            form("Open a dispute", ["Paid so far: \(order.paidTotal). The supplier has \(DisputeRules.answerDays) days to answer;",
                                    "give an amount only for a partial refund."]) { f in
                guard let kind = DisputeKind(rawValue: f.fields[0].value), let remedy = RemedyKind(rawValue: f.fields[1].value),
                      let reason = f.text(3) else { return nil }
                let amount = f.amount(2, allowEmpty: true)
                if f.hasErrors { return nil }
                return .openDispute(kind: kind, remedy: remedy, amount: amount, reason: reason)
            }
        case .proposeChange:
            let methods = ["unchanged"] + ShippingMethod.allCases.map(\.rawValue)
            form("Propose a change", ChangeForm.context(order), choices: methods) { f in ChangeForm.command(f, order: order) }
        case .acceptChange, .rejectChange:
            guard let pending = order.pendingAmendment else { throw StoreError.refused(.noAmendmentPending) }
            if action == .acceptChange {
                try act(.acceptChange(number: pending.number))
            } else {
                form("Reject change \(pending.number)", ["The contract stays as it is; your reason goes to the \(pending.proposedBy.rawValue)."]) { f in
                    f.text(0).map { .rejectChange(number: pending.number, reason: $0) }
                }
            }
        case .counter, .editClaim:
            let table = order.dispute?.negotiation?.onTable.map { ["On the table: \($0.remedy) (from the \($0.by.rawValue))."] } ?? []
            form(action == .counter ? "Counter-propose" : "Edit the claim", table + ["Paid so far: \(order.paidTotal)."]) { f in
                guard let remedy = RemedyKind(rawValue: f.fields[0].value), let note = f.text(2) else { return nil }
                let amount = f.amount(1, allowEmpty: true)
                if f.hasErrors { return nil }
                return action == .counter ? .counter(remedy: remedy, amount: amount, note: note) : .editClaim(remedy: remedy, amount: amount, note: note)
            }
        case .askEvidence:
            form("Ask for evidence", ["The buyer has \(DisputeRules.answerDays) days; if none comes, the platform decides."]) { f in
                f.text(0).map { .askEvidence(note: $0) }
            }
        case .addEvidence:
            form("Add evidence", ["Recorded with your name and the time; both parties and the platform see it."]) { f in
                guard let description = f.text(0), let reference = f.text(1) else { return nil }
                return .addEvidence(description: description, reference: reference)
            }
        case .agree:
            try act(.agree)
        case .withdraw:
            form("Withdraw the claim", ["The order goes back to where it was; nothing is refunded."]) { f in f.text(0).map { .withdraw(reason: $0) } }
        case .escalate:
            form("Escalate to the platform", ["The platform sees both positions and the evidence, and decides."]) { f in
                f.text(0).map { .escalate(note: $0) }
            }
        case .recordRefund:
            let owed = order.refunded.map { "Refund owed to the buyer: \($0)" } ?? "A refund is owed to the buyer"
            let due = order.disputeOutcome?.refundDue.map { ", due by \($0.iso)." } ?? "."
            form("Record the refund paid", [owed + due, "Give the transfer's reference, so the buyer can find it."]) { f in
                f.text(0).map { .recordRefund(reference: $0) }
            }
        case .decide:
            try decideForm(order, form)
        case .claimBalance:
            form("Claim the unpaid balance", ["\(order.buyer.value) confirmed receipt and still owes \(order.outstanding(.balance)).",
                                              "The buyer has \(DisputeRules.answerDays) days to agree to pay or escalate; if silent, the platform decides."]) { f in
                f.text(0).map { .claimBalance(reason: $0) }
            }
        case .resolve:
            guard let dispute = order.dispute, dispute.negotiation == nil else { throw StoreError.refused(.negotiatedDispute) }
            form("Resolve the dispute", ["Opened without a kind or remedy: \(dispute.reason)",
                                         "Paid: \(order.paidTotal). A refund makes the order refunded, due from \(order.supplier.value); 0 returns it to \(dispute.fromState.title.lowercased())."]) { f in
                let refund = f.amount(0, allowZero: true)
                // The domain's own sentence, before the question: at most what was paid.
                if let refund, refund.minorUnits > order.paidTotal.minorUnits {
                    f.fields[0].error = Refusal.refundAmount(maximum: order.paidTotal).description
                }
                guard let refund, !f.hasErrors else { return nil }
                return .resolve(refund: refund)
            }
        case .edit, .autoCancel, .autoComplete, .close, .disputeTimeout:
            break
        }
        guard let step else { throw StoreError.invalid("\(action.title) is not available here.") }
        return step
    }

    /// The platform's decision on an escalated dispute: the remedy (the buyer's claim to start
    /// from), the refund for a partial one, the reasoning. The amount is checked by the domain's
    /// own rule before the question (at most what was paid); the others imply theirs.
    private static func decideForm(_ order: Order, _ form: (String, [String], [String], [String: String], @escaping (FormModel) -> OrderCommand?) -> Void) throws {
        guard let dispute = order.dispute, let n = dispute.negotiation else { throw StoreError.refused(.olderDispute) }
        let paid = order.paidTotal
        // The claimant's last proposal is where the decision starts: the buyer's on its own
        // claims, the supplier's on a balance claim.
        let claimant = n.kind.claimant, respondent = n.kind.respondent
        let claim = n.proposals.last { $0.by == claimant }
        let offer = n.proposals.last { $0.by == respondent }
        var context = ["\(n.kind.title): \(dispute.reason)",
                       "\(claimant.rawValue.capitalized) claims: \(claim.map { "\($0.remedy)" } ?? "-"); \(respondent.rawValue) offers: \(offer.map { "\($0.remedy)" } ?? "-")."]
        context.append(n.kind == .balanceUnpaid
            ? "Balance owed: \(dispute.amount). Decide pay-balance (the buyer pays it) or none (the claim fails)."
            : "Paid: \(paid). An amount counts only for a partial refund; a full or return refund is all paid.")
        if !n.kind.hasGoods { context.append("No goods to return on a '\(n.kind.rawValue)' claim.") }
        let initial = ["Remedy": claim?.remedy.kind.rawValue ?? "",
                       "Amount": claim.map { $0.remedy.kind == .partialRefund ? MoneyFormat.decimal($0.remedy.refund) : "" } ?? ""]
        form("Decide the dispute", context, [], initial) { f in
            let remedy = RemedyKind(rawValue: f.fields[0].value)
            let reasoning = f.text(2)
            let amount = remedy == .partialRefund ? f.amount(1, allowEmpty: true) : nil
            // Every field's problem at once: the amount's is the domain's own sentence.
            if let remedy, f.fields[1].error == nil {
                do throws(Refusal) { _ = try Remedy.make(remedy, amount: amount, paid: paid) } catch { f.fields[1].error = error.description }
            }
            guard let remedy, let reasoning, !f.hasErrors else { return nil }
            return .decide(remedy: remedy, amount: amount, reasoning: reasoning)
        }
    }

    /// After a form: an action the catalogue says asks first asks now, naming the amount.
    static func afterForm(_ command: OrderCommand, _ form: FormModel, time: TimeFormat, reads: OrderActionReads) throws -> ActionStep {
        guard ActionCatalogue.entry(for: command.action).asksFirst else {
            return .perform(command, code: form.code, version: form.version, form: form)
        }
        let question = try Self.question(command, code: form.code, order: nil, time: time, reads: reads)
        return .ask(ConfirmModel(question: question.text, details: question.details, yes: question.yes,
                                 command: command, code: form.code, version: form.version, form: form))
    }

    /// The question an action that asks first puts. `order` is the order as seen when the action
    /// started (nil after a form: the command then holds what the question names).
    static func question(_ command: OrderCommand, code: OrderCode, order: Order?, time: TimeFormat, reads: OrderActionReads) throws -> Question {
        switch command {
        case .submit:
            guard let order else { break }
            return Question(text: "Submit \(code) for \(order.total)?",
                            details: ["The \(order.initiator == .supplier ? "buyer" : "supplier") has 30 days to confirm it."], yes: "Submit")
        case .confirm:
            guard let order else { break }
            // What binds you is shown in full: the remarks are terms too.
            let remarks = order.contract.remarks.isEmpty ? ["Remarks: none."] : ["Remarks: " + order.contract.remarks]
            return Question(text: "Confirm \(code) for \(order.total)?",
                            details: try coverageLines(order, reads: reads) + remarks + (try resubmission(order, time: time, reads: reads))
                                + ["You are bound by the contract once confirmed."],
                            yes: "Confirm")
        case let .pay(amount, method, _):
            return Question(text: "Pay \(amount) by \(method.title) for \(code)?", details: [], yes: "Pay")
        case let .cancel(reason):
            return Question(text: "Cancel \(code)?", details: ["Reason: \(reason)"], yes: "Cancel order")
        case let .dispute(_, amount):
            return Question(text: "Dispute \(amount.map(\.description) ?? "the payment") on \(code)?",
                            details: ["The order freezes until the platform decides."], yes: "Dispute")
        case let .openDispute(kind, remedy, amount, _):
            return Question(text: "Open a '\(kind.rawValue)' dispute on \(code), asking for \(remedy.title.lowercased())\(amount.map { " of \($0)" } ?? "")?",
                            details: ["The order freezes while you negotiate; the supplier has \(DisputeRules.answerDays) days to answer."], yes: "Dispute")
        case let .counter(remedy, amount, _):
            return Question(text: "Counter with \(remedy.title.lowercased())\(amount.map { " of \($0)" } ?? "") on \(code)?",
                            details: ["The buyer has \(DisputeRules.answerDays) days to agree, edit, withdraw or escalate."], yes: "Counter")
        case .agree:
            guard let n = order?.dispute?.negotiation, let table = n.onTable else { break }
            if n.kind == .balanceUnpaid, let order {
                return Question(text: "Agree to pay the balance of \(order.outstanding(.balance)) on \(code)?",
                                details: ["The claim closes; you then pay the balance (p).",
                                          "\(PenaltyTable.points(kind: n.kind, how: .agreed, remedy: table.remedy)) violation points to you: a balance unpaid after receipt."],
                                yes: "Agree")
            }
            return Question(text: "Agree to \(table.remedy) on \(code)?",
                            details: table.remedy.refund.isPositive ? ["The supplier refunds within \(DisputeRules.refundWorkingDays) working days."] : [],
                            yes: "Agree")
        case .withdraw:
            return Question(text: "Withdraw the claim on \(code)?", details: ["Nothing is refunded; the order goes back to where it was."], yes: "Withdraw")
        case .escalate:
            return Question(text: "Escalate the dispute on \(code) to the platform?", details: ["The platform decides; its decision is final."], yes: "Escalate")
        case .claimBalance:
            // Asked after the form (no order in hand): the amount owed is read as it stands now.
            guard let order = order ?? (try? reads.order(code, as: .platform)) else { break }
            return Question(text: "Claim the unpaid balance of \(order.outstanding(.balance)) from \(order.buyer.value) on \(code)?",
                            details: ["The buyer has \(DisputeRules.answerDays) days to agree to pay or escalate; if silent, the platform decides.",
                                      "A buyer found at fault gets violation points."], yes: "Claim")
        case let .recordRefund(reference):
            return Question(text: "Record the refund on \(code) as paid?", details: ["Reference: \(reference)", "The buyer sees it at once."],
                            yes: "Record")
        case let .decide(remedyKind, amount, reasoning):
            // What the decision does, from the domain's own rules: the refund, its deadline, the points.
            guard let current = try? reads.order(code, as: .platform), let n = current.dispute?.negotiation,
                  let remedy = try? Remedy.make(remedyKind, amount: amount, paid: current.paidTotal) else { break }
            let points = PenaltyTable.points(kind: n.kind, how: .decided, remedy: remedy)
            var details = ["Reasoning: " + DisplayWidth.truncate(reasoning, to: 300)]
            if n.kind == .balanceUnpaid {
                details.append(remedy.kind == .payBalance
                    ? "\(current.buyer.value) owes the balance of \(current.outstanding(.balance)); the order stays open until it is paid."
                    : "The claim fails: the order closes at the end of its protection window with the balance unpaid.")
            } else {
                details.append(remedy.refund.isPositive
                    ? "\(current.supplier.value) refunds \(remedy.refund) within \(DisputeRules.refundWorkingDays) working days; the order becomes refunded."
                    : "Nothing is refunded; the order goes back to \(current.dispute?.fromState.title.lowercased() ?? "where it was").")
            }
            let atFault = n.kind.respondent == .buyer ? current.buyer : current.supplier
            details.append(points > 0 ? "\(points) violation points to \(atFault.value)." : "No violation points.")
            details.append("The decision is final: both parties see it with your reasoning.")
            return Question(text: "Decide the dispute on \(code): \(remedy)?", details: details, yes: "Decide")
        case let .resolve(refund):
            guard let current = try? reads.order(code, as: .platform), let dispute = current.dispute else { break }
            return Question(text: refund.isPositive ? "Resolve the dispute on \(code) with a refund of \(refund)?" : "Resolve the dispute on \(code) with no refund?",
                            details: [refund.isPositive ? "\(current.supplier.value) refunds \(refund); the order becomes refunded."
                                                        : "The order goes back to \(dispute.fromState.title.lowercased()).",
                                      "The decision is final: both parties see it."], yes: "Resolve")
        case .askEvidence, .addEvidence, .editClaim, .disputeTimeout:
            break
        case .confirmReceipt:
            // The window is the buyer's tier's (30 or 60 days), fixed at receipt.
            let days = (order.flatMap { try? reads.actionContext(for: $0) })?.buyerTier.protectionDays ?? DeadlineRules.protectionDays
            return Question(text: "Confirm you received \(code)?", details: ["The \(days)-day protection window starts now."], yes: "Received")
        case .acceptExtension, .declineExtension:
            guard let pending = order?.pendingExtension else { break }
            let accept = command == .acceptExtension
            return Question(text: "\(accept ? "Accept" : "Decline") \(pending.days) more days for \(code)?", details: ["Reason given: \(pending.reason)"],
                            yes: accept ? "Accept" : "Decline")
        case .extendReceipt:
            return Question(text: "Extend the receipt window of \(code) by 15 days?", details: ["Each party may do this once."], yes: "Extend")
        case let .acceptChange(number):
            guard let order, let amendment = order.amendments.first(where: { $0.number == number }) else { break }
            return Question(text: "Accept change \(number) to \(code)?",
                            details: order.differences(of: amendment).map { "• " + $0 } + coverageAfter(amendment, of: order, reads: reads)
                                + ["Reason given: \(amendment.reason)", "The contract becomes version \(order.contractVersion + 1); you are bound by it."],
                            yes: "Accept")
        case .edit, .requestChanges, .startProduction, .logContact, .tick, .untick, .ready, .ship, .requestExtension,
             .autoCancel, .autoComplete, .close, .proposeChange, .rejectChange:
            break
        }
        // An action the catalogue says asks first, with no question of its own here yet.
        return Question(text: "\(command.action.title): \(code)?", details: [], yes: command.action.title)
    }

    /// For a contract submitted again after changes were asked for: what changed since the
    /// version last put to you, term by term, read from the log (each draft and edit event
    /// carries every term). Nothing for a first submission.
    static func resubmission(_ order: Order, time: TimeFormat, reads: OrderActionReads) throws -> [String] {
        var current: Contract?
        var submitted: [(contract: Contract, at: Instant)] = []
        for stored in try reads.events(of: order.code) {
            let event = stored.event
            if event.action == "draft" || event.action == OrderAction.edit.rawValue {
                current = event.value("contract").flatMap(ContractEncoding.decode) ?? current
            } else if event.action == OrderAction.submit.rawValue, let current {
                submitted.append((current, event.at))
            }
        }
        guard submitted.count >= 2 else { return [] }
        let previous = submitted[submitted.count - 2]
        let changes = order.contract.differences(from: previous.contract)
        let when = time.dateTime(previous.at)
        guard !changes.isEmpty else { return ["Submitted again with the same terms as on \(when)."] }
        return ["Changed since the version submitted on \(when):"] + changes.map { "• " + $0 }
    }

    /// What accepting a change of the total would leave covered: the workflow's own decision,
    /// with the context it would get now (nothing when the total stays).
    static func coverageAfter(_ amendment: Amendment, of order: Order, reads: OrderActionReads) -> [String] {
        guard let before = order.coverage, (try? amendment.contract.total()) != order.total,
              let context = try? reads.actionContext(for: order) else { return [] }
        let answerer: Actor = amendment.answeredBy == .buyer ? .party(order.buyer, .buyer) : .party(order.supplier, .supplier)
        guard let after = try? Workflow.decide(order, .acceptChange(number: amendment.number), by: answerer, context: context).after.coverage
        else { return [] }
        return ["Covered after the change: \(after.covered) (now \(before.covered)); uncovered \(after.uncovered)."]
    }

    /// What confirming would cover, from the supplier's limit available now.
    static func coverageLines(_ order: Order, reads: OrderActionReads) throws -> [String] {
        // The workflow's own context and rule (a suspended or not activated supplier covers nothing).
        let context = try reads.actionContext(for: order)
        guard let rate = context.rate, rate.currency == order.currency else {
            return ["No exchange rate for \(order.currency.code): confirmation will be refused."]
        }
        guard let preview = try? Coverage.preview(total: order.total, rate: rate, available: context.coverableLimit) else { return [] }
        return ["Covered by the supplier's limit: \(preview.covered); uncovered: \(preview.uncovered)."]
    }
}

extension AppModel {
    /// Runs an order action through the store. Success reloads what is on screen; a refusal,
    /// a busy database or a stale order keeps the form (and its text) with the reason. Returns
    /// the error that stopped it (nil when done), so a caller can keep its own overlay.
    @discardableResult
    func perform(_ command: OrderCommand, on code: OrderCode, version: Int, form: FormModel? = nil) throws -> StoreError? {
        guard let session else { return nil }
        do {
            let result = try store.perform(command, on: code, as: session.actor, expectedVersion: version)
            overlay = nil
            reloadAfterChange()
            show(ActionOutcome(command: command, code: code, after: result.order, payment: result.payment, wasReplay: result.wasReplay).note)
            return nil
        } catch let error as StoreError {
            if case .staleVersion = error, let fresh = try? store.order(code) { form?.version = fresh.version }
            reloadAfterChange()
            if let form {
                form.message = error.description + (error.isRetryable ? registry.retryHint("form.submit") : "")
                overlay = .form(form)
            } else {
                overlay = nil
                showError(error)
            }
            return error
        }
    }

    /// Why `action` cannot be taken on the order in view — the domain's own sentence — or nil.
    func blockedReason(_ action: OrderAction) -> String? {
        refusal(action).map { $0?.description ?? "No order selected." }
    }

    /// A contract not ready to submit or confirm: every problem in a box, not one long line
    /// (`u` on an unfinished draft says all that needs fixing). True when shown.
    func explainContractProblems(_ action: OrderAction) -> Bool {
        guard case let .contractIncomplete(problems)?? = refusal(action), let code = actionSubject?.order.code else { return false }
        showList("\(code) cannot be \(action == .submit ? "submitted" : "confirmed") yet: \(problems.count == 1 ? "one thing needs" : "\(problems.count) things need") fixing"
                 + (action == .submit ? " (\(keyName("order.edit")) edits it)" : ""), problems.map(\.description))
        return true
    }

    /// `blockedReason(action) != nil` without writing the message.
    func isBlocked(_ action: OrderAction) -> Bool { refusal(action) != nil }

    /// Nil when `action` may be started; .some(nil) when there is no order to act on. The
    /// domain's precheck on the order itself: state, role and the action's own guards.
    private func refusal(_ action: OrderAction) -> Refusal?? {
        guard let actor = workspace?.session.actor, let subject = actionSubject else { return .some(nil) }
        if action == .resolve, subject.order.dispute?.negotiation != nil { return .some(.negotiatedDispute) }
        return subject.precheck(action, by: actor).map { .some($0) }
    }

    /// The order actions apply to: the open detail's, else the selected row's.
    var actionTarget: (code: OrderCode, state: OrderState, version: Int, supplier: Handle, buyer: Handle, initiator: PartyKind)? {
        workspace?.actionTarget
    }

    func startAction(_ action: OrderAction) throws {
        guard let target = actionTarget else { return }
        let order = try store.order(target.code, as: session?.actor)
        guard order.version == target.version else {
            let what = (try? store.describeChanges(target.code, since: target.version)) ?? "changed"
            reloadAfterChange()
            show("\(target.code) changed since you looked (\(what)); here it is as it is now.", .error)
            return
        }
        try take(OrderActions.start(action, on: order, now: clock, time: time, editKey: keyName("order.edit"), reads: store))
    }

    /// Carries out what starting an action, or submitting its form, led to.
    func take(_ step: ActionStep) throws {
        switch step {
        case let .perform(command, code, version, form): try perform(command, on: code, version: version, form: form)
        case let .ask(question): overlay = .confirm(question)
        case let .fill(form): overlay = .form(form)
        case let .explain(title, items): showList(title, items)
        }
    }
}

extension FormModel {
    /// The form field for a catalogue field: its label, its kind and the domain's limit.
    /// `choices` are the checklist items this order offers.
    static func field(_ field: ActionField, currency: Currency, choices: [String], initial: String) -> Field {
        let kind: Kind
        switch field.kind {
        case .text: kind = .text(required: field.required)
        case .amount: kind = .amount(currency)
        case .paymentMethod: kind = .choice(PaymentMethod.allCases.map(\.rawValue))
        case .checklistItem: kind = .choice(choices)
        case .disputeKind: kind = .choice(DisputeKind.buyerKinds.map(\.rawValue))
        // A party proposes refunds, returns and replacements; paying the balance and no remedy
        // are outcomes the platform decides (the balance claim itself proposes its payment).
        case let .remedy(platform): kind = .choice(RemedyKind.allCases.filter { platform || ($0 != .noRemedy && $0 != .payBalance) }.map(\.rawValue))
        case .days: kind = .days
        case .linePrice: kind = .text(required: false)
        case .shippingMethod: kind = .choice(choices)
        case .paymentKey, .proposalNumber: preconditionFailure("The app fills this in; nobody types it.")
        }
        var made = Self.field(field.label, kind, initial, maxLength: field.maxLength ?? LineEditor.maxLength,
                              allowsNewlines: field.allowsNewlines)
        // A choice starts on the option `initial` names, if any.
        if case let .choice(options) = kind, let index = options.firstIndex(of: initial) { made.choiceIndex = index }
        return made
    }
}
