import TradeGuardCore
import TradeGuardStore

/// What each workflow action asks of a person before it runs: nothing, a form, and/or a
/// confirmation that names the action and the amount. Every action ends in the store's one
/// entry point — the same as `tradeguard do`.
enum OrderActions {
    /// The actions a party can take from the app (the platform's `resolve` and the system's
    /// timeouts are not here), with their keys.
    static let keyed: [(OrderAction, Key)] = [
        (.submit, .character("u")), (.confirm, .character("c")), (.requestChanges, .character("r")), (.cancel, .character("x")),
        (.pay, .character("p")), (.startProduction, .character("P")), (.logContact, .character("l")), (.tick, .character("t")),
        (.untick, .character("T")), (.ready, .character("y")), (.ship, .character("h")), (.confirmReceipt, .character("R")),
        (.requestExtension, .character("e")), (.acceptExtension, .character("a")), (.declineExtension, .character("d")),
        (.extendReceipt, .character("E")), (.dispute, .character("!")),
    ]

    /// Starts `action` on `order` (the current version as the person sees it).
    static func start(_ action: OrderAction, on order: Order, app: AppModel) throws {
        let code = order.code
        let version = order.version
        func confirm(_ question: String, _ details: [String], yes: String, _ command: OrderCommand, form: FormModel? = nil) {
            app.overlay = .confirm(ConfirmModel(question: question, details: details, yes: yes, command: command, code: code, version: version, form: form))
        }
        func form(_ title: String, _ context: [String], _ fields: [FormModel.Field], _ build: @escaping (FormModel) -> OrderCommand?) {
            app.overlay = .form(FormModel(title: "\(title): \(code)", context: context, fields: fields, code: code, version: version, build: build))
        }
        switch action {
        case .submit:
            // Everything that would refuse it is said now, in full, before any question.
            let problems = order.contract.problems(today: app.clock.utcDate)
            guard problems.isEmpty else {
                app.showList("\(code) cannot be submitted yet: \(problems.count == 1 ? "one thing needs" : "\(problems.count) things need") fixing (i edits it)",
                             problems.map(\.description))
                return
            }
            confirm("Submit \(code) for \(order.total)?", ["The \(order.initiator == .supplier ? "buyer" : "supplier") has 30 days to confirm it."],
                    yes: "Submit", .submit)
        case .confirm:
            // What binds you is shown in full: the remarks are terms too.
            let remarks = order.contract.remarks.isEmpty ? ["Remarks: none."] : ["Remarks: " + order.contract.remarks]
            confirm("Confirm \(code) for \(order.total)?", try coverageLines(order, app: app) + remarks + (try resubmission(order, app: app))
                        + ["You are bound by the contract once confirmed."],
                    yes: "Confirm", .confirm)
        case .requestChanges:
            form("Request changes", ["The contract goes back to its drafter with your reason."],
                 [FormModel.field("Reason", .text(required: true), maxLength: 1000)]) { f in f.text(0).map { .requestChanges(reason: $0) } }
        case .cancel:
            form("Cancel", ["Cancelling \(code) (\(order.total)) cannot be undone."],
                 [FormModel.field("Reason", .text(required: true), maxLength: 1000)]) { f in f.text(0).map { .cancel(reason: $0) } }
        case .pay:
            guard let (term, due) = order.payableNow else { throw StoreError.refused(.nothingDue) }
            // One key for this payment, kept across retries: the same payment is never recorded twice.
            let key = app.store.newPaymentKey()
            form("Pay", ["\(term == .advance ? "Advance" : "Balance") due now: \(due) (partial payments are allowed).",
                         "Payment link \(order.paymentLink?.masked ?? "-"), key \(key)."],
                 [FormModel.field("Amount", .amount(order.currency), MoneyFormat.decimal(due)),
                  FormModel.field("Method", .choice(PaymentMethod.allCases.map(\.rawValue)))]) { f in
                guard let amount = f.amount(0), let method = PaymentMethod(rawValue: f.fields[1].value) else { return nil }
                // Refused here, not after a y/n: the maximum is known.
                guard amount.minorUnits <= due.minorUnits else {
                    f.fields[0].error = "At most \(due) is due now (\(term == .advance ? "advance" : "balance")); partial payments are allowed."
                    return nil
                }
                return .pay(amount: amount, method: method, key: key)
            }
        case .startProduction:
            try app.perform(.startProduction, on: code, version: version)
        case .logContact:
            form("Log buyer contact", ["Contact is due by \(order.lastContactDate?.iso ?? "-") (7 days before delivery)."],
                 [FormModel.field("Note", .text(required: true), maxLength: 2000)]) { f in f.text(0).map { .logContact(note: $0) } }
        case .tick:
            let open = order.missingChecklistItems.map(\.rawValue)
            guard !open.isEmpty else { throw StoreError.invalid("Every checklist item is ticked.") }
            form("Tick", ["Evidence is recorded with your name and the time."],
                 [FormModel.field("Item", .choice(open)), FormModel.field("Evidence", .text(required: false), maxLength: 2000)]) { f in
                guard let item = ChecklistItem(rawValue: f.fields[0].value), let note = f.text(1) else { return nil }
                return .tick(item, note: note)
            }
        case .untick:
            let done = ChecklistItem.allCases.filter { order.checklist[$0] != nil }.map(\.rawValue)
            guard !done.isEmpty else { throw StoreError.invalid("Nothing is ticked yet.") }
            form("Untick", ["Say why: the note is kept in the history."],
                 [FormModel.field("Item", .choice(done)), FormModel.field("Note", .text(required: true), maxLength: 2000)]) { f in
                guard let item = ChecklistItem(rawValue: f.fields[0].value), let note = f.text(1) else { return nil }
                return .untick(item, note: note)
            }
        case .ready:
            try app.perform(.ready, on: code, version: version)
        case .ship:
            form("Ship", ["Ship by \(order.lastShipDate?.iso ?? "-")."],
                 [FormModel.field("Carrier", .text(required: true), maxLength: 100), FormModel.field("Tracking", .text(required: true), maxLength: 100)]) { f in
                guard let carrier = f.text(0), let tracking = f.text(1) else { return nil }
                return .ship(carrier: carrier, tracking: tracking)
            }
        case .confirmReceipt:
            confirm("Confirm you received \(code)?", ["The 30-day protection window starts now."], yes: "Received", .confirmReceipt)
        case .requestExtension:
            form("Request a shipping extension", ["\(order.extensionDays) of 90 days used; the buyer accepts or declines."],
                 [FormModel.field("Days", .days), FormModel.field("Reason", .text(required: true), maxLength: 1000)]) { f in
                guard let days = f.days(0), let reason = f.text(1) else { return nil }
                return .requestExtension(days: days, reason: reason)
            }
        case .acceptExtension, .declineExtension:
            guard let pending = order.pendingExtension else { throw StoreError.refused(.noExtensionPending) }
            let accept = action == .acceptExtension
            confirm("\(accept ? "Accept" : "Decline") \(pending.days) more days for \(code)?", ["Reason given: \(pending.reason)"],
                    yes: accept ? "Accept" : "Decline", accept ? .acceptExtension : .declineExtension)
        case .extendReceipt:
            confirm("Extend the receipt window of \(code) by 15 days?", ["Each party may do this once."], yes: "Extend", .extendReceipt)
        case .dispute:
            form("Open a dispute", ["Paid so far: \(order.paidTotal). The order freezes until the platform decides."],
                 [FormModel.field("Reason", .text(required: true), maxLength: 2000), FormModel.field("Amount", .amount(order.currency), MoneyFormat.decimal(order.paidTotal))]) { f in
                guard let reason = f.text(0), let amount = f.amount(1) else { return nil }
                guard amount.minorUnits <= order.paidTotal.minorUnits else {
                    f.fields[1].error = "At most \(order.paidTotal) can be claimed: that is what was paid."
                    return nil
                }
                return .dispute(reason: reason, amount: amount)
            }
        case .edit, .resolve, .autoCancel, .autoComplete, .close:
            throw StoreError.invalid("\(action.title) is not available here.")
        }
    }

    /// After a form: money and destructive actions ask first, naming the amount.
    static func afterForm(_ command: OrderCommand, _ form: FormModel, app: AppModel) throws {
        switch command {
        case let .pay(amount, method, _):
            app.overlay = .confirm(ConfirmModel(question: "Pay \(amount) by \(method.title) for \(form.code)?", details: [],
                                                yes: "Pay", command: command, code: form.code, version: form.version, form: form))
        case let .cancel(reason):
            app.overlay = .confirm(ConfirmModel(question: "Cancel \(form.code)?", details: ["Reason: \(reason)"], yes: "Cancel order",
                                                command: command, code: form.code, version: form.version, form: form))
        case let .dispute(_, amount):
            app.overlay = .confirm(ConfirmModel(question: "Dispute \(amount.map(\.description) ?? "the payment") on \(form.code)?",
                                                details: ["The order freezes until the platform decides."], yes: "Dispute",
                                                command: command, code: form.code, version: form.version, form: form))
        default:
            try app.perform(command, on: form.code, version: form.version, form: form)
        }
    }

    /// For a contract submitted again after changes were asked for: what changed since the
    /// version last put to you, term by term, read from the log (each draft and edit event
    /// carries every term). Nothing for a first submission.
    static func resubmission(_ order: Order, app: AppModel) throws -> [String] {
        var current: Contract?
        var submitted: [(contract: Contract, at: Instant)] = []
        for stored in try app.store.events(of: order.code) {
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
        let when = app.time.dateTime(previous.at)
        guard !changes.isEmpty else { return ["Submitted again with the same terms as on \(when)."] }
        return ["Changed since the version submitted on \(when):"] + changes.map { "• " + $0 }
    }

    /// What confirming would cover, from the supplier's limit available now.
    static func coverageLines(_ order: Order, app: AppModel) throws -> [String] {
        // The workflow's own context and rule (a suspended or not activated supplier covers nothing).
        let context = try app.store.actionContext(for: order)
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
            show(Self.successMessage(command, code, result))
            return nil
        } catch let error as StoreError {
            if case .staleVersion = error, let fresh = try? store.order(code) { form?.version = fresh.version }
            reloadAfterChange()
            if let form {
                form.message = error.description + (error.isRetryable ? " Press Enter to try again." : "")
                overlay = .form(form)
            } else {
                overlay = nil
                showError(error)
            }
            return error
        }
    }

    static func successMessage(_ command: OrderCommand, _ code: OrderCode, _ result: ActionResult) -> String {
        switch command {
        case let .pay(amount, _, key):
            return result.wasReplay ? "Payment \(key) was already recorded; nothing paid twice." : "Paid \(amount) on \(code) (key \(key))."
        case .confirm:
            if let coverage = result.order.coverage { return "Confirmed \(code): \(coverage.covered) covered, \(coverage.uncovered) uncovered." }
            return "Confirmed \(code)."
        default:
            return "\(command.action.title): done for \(code) (now \(result.order.state.title.lowercased()))."
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
                 + (action == .submit ? " (i edits it)" : ""), problems.map(\.description))
        return true
    }

    /// `blockedReason(action) != nil` without writing the message.
    func isBlocked(_ action: OrderAction) -> Bool { refusal(action) != nil }

    /// Nil when `action` may be started; .some(nil) when there is no order to act on. The
    /// domain's precheck on the order itself: state, role and the action's own guards.
    private func refusal(_ action: OrderAction) -> Refusal?? {
        guard let actor = workspace?.session.actor, let subject = actionSubject else { return .some(nil) }
        return Workflow.precheck(action, on: subject.order, by: actor, context: subject.context).map { .some($0) }
    }

    /// The order actions apply to: the open detail's, else the selected row's.
    var actionTarget: (code: OrderCode, state: OrderState, version: Int, supplier: Handle, buyer: Handle, initiator: PartyKind)? {
        guard let w = workspace else { return nil }
        // Field by field: the hint bar asks this for every order action on every frame, and
        // copying the whole order (or list row) each time cost more than the answer.
        if let d = w.detail { return (d.order.code, d.order.state, d.order.version, d.order.supplier, d.order.buyer, d.order.initiator) }
        return w.currentList?.selectedTarget
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
        try OrderActions.start(action, on: order, app: self)
    }
}
