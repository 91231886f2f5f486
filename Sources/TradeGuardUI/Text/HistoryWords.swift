import TradeGuardCore
import TradeGuardStore

/// An audit event as a person reads it in an order's history: what happened in words, who did
/// it, and the states it moved between — never the identifiers the log stores
/// (`awaitingConfirmation -> awaitingPayment`, `buyer:hanse-kuechen`).
enum HistoryWords {
    /// "Confirmed the contract", "Paid US$300.00 (advance)", "Drafted".
    static func what(_ event: AuditEvent, currency: Currency) -> String {
        if event.action == "draft" { return "Drafted" }
        if event.action == Workflow.replayAction { return "Payment sent again (same key): nothing recorded twice" }
        guard let action = OrderAction(rawValue: event.action) else { return event.action }
        let done = pastTense(action)
        switch action {
        case .pay:
            guard let amount = event.value("amount") else { return done }
            let money = (try? AmountParser.parse(amount, currency: currency)).map(\.description) ?? amount
            return "Paid \(money)" + (event.value("term").map { " (\($0))" } ?? "")
        case .tick, .untick:
            let item = event.value("item").flatMap(ChecklistItem.init(rawValue:))?.title ?? event.value("item") ?? ""
            return "\(done): \(item)"
        case .requestExtension:
            return "\(done) (\(event.value("days") ?? "?") days)"
        case .proposeChange:
            // "Proposed change 2: delivery address, route".
            let terms = (event.value("terms") ?? "").split(separator: ",").map { $0.split(separator: "-").joined(separator: " ") }
            return "Proposed change \(event.value("number") ?? "?")" + (terms.isEmpty ? "" : ": " + terms.joined(separator: ", "))
        case .acceptChange:
            return "Accepted change \(event.value("number") ?? "?"): contract version \(event.value("contractVersion") ?? "?")"
        case .rejectChange:
            return "Rejected change \(event.value("number") ?? "?")"
        default:
            return done
        }
    }

    static func pastTense(_ action: OrderAction) -> String {
        switch action {
        case .edit: return "Edited the draft"
        case .submit: return "Submitted for confirmation"
        case .confirm: return "Confirmed the contract"
        case .requestChanges: return "Asked for changes"
        case .cancel: return "Cancelled"
        case .pay: return "Paid"
        case .startProduction: return "Started production"
        case .logContact: return "Logged the buyer contact"
        case .tick: return "Ticked"
        case .untick: return "Unticked"
        case .ready: return "Marked ready to ship"
        case .ship: return "Shipped"
        case .confirmReceipt: return "Confirmed receipt"
        case .requestExtension: return "Asked for a shipping extension"
        case .acceptExtension: return "Accepted the extension"
        case .declineExtension: return "Declined the extension"
        case .extendReceipt: return "Extended the receipt window"
        case .dispute: return "Opened a dispute"
        case .resolve: return "Resolved the dispute"
        case .autoCancel: return "Cancelled: the deadline passed"
        case .autoComplete: return "Completed: the receipt window ended"
        case .close: return "Closed: the protection window ended"
        case .proposeChange: return "Proposed a change"
        case .acceptChange: return "Accepted the change"
        case .rejectChange: return "Rejected the change"
        case .counter: return "Counter-proposed"
        case .askEvidence: return "Asked for evidence"
        case .addEvidence: return "Added evidence"
        case .agree: return "Agreed to the proposal"
        case .editClaim: return "Edited the claim"
        case .withdraw: return "Withdrew the claim"
        case .escalate: return "Escalated to the platform"
        case .decide: return "Decided the dispute"
        case .disputeTimeout: return "Dispute answer overdue: default outcome applied"
        case .recordRefund: return "Recorded the refund paid"
        case .claimBalance: return "Claimed the unpaid balance"
        }
    }

    /// Who did it, with the SSH key or the reason behind it (issue 18): "Sales desk 1
    /// (ningbo-homeware, SHA256:3fQ…)", "the platform on behalf of hanse-kuechen (buyer), reason: …".
    static func who(_ event: AuditEvent) -> String {
        if let fingerprint = event.value(Attribution.keyField) {
            let handle = event.actor.split(separator: ":", maxSplits: 1).last.map(String.init) ?? event.actor
            return "\(event.value(Attribution.keyNameField) ?? "a key") (\(handle), \(shortFingerprint(fingerprint)))"
        }
        if let reason = event.value(Attribution.onBehalfField) {
            return "the platform on behalf of \(who(event.actor)), reason: \(reason)"
        }
        return who(event.actor)
    }

    /// "SHA256:" and the first 12 characters: enough to tell keys apart on screen; `order CODE
    /// --format json` carries the whole fingerprint.
    static func shortFingerprint(_ fingerprint: String) -> String {
        fingerprint.count > 19 ? String(fingerprint.prefix(19)) + "…" : fingerprint
    }

    /// "hanse-kuechen (buyer)", "the platform", "the clock" for the system's timeouts.
    static func who(_ actor: String) -> String {
        if actor == "system" { return "the clock" }
        let parts = actor.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return actor }
        if parts[0] == "platform" { return "the platform" }
        return "\(parts[1]) (\(parts[0] == "supplier" ? "seller" : parts[0]))"
    }

    /// "Awaiting confirm → Awaiting payment"; empty when the state did not change.
    static func move(_ event: AuditEvent) -> String {
        guard let to = event.toState else { return "" }
        guard let from = event.fromState else { return Words.state(to).0 }
        return from == to ? "" : "\(Words.state(from).0) → \(Words.state(to).0)"
    }
}
