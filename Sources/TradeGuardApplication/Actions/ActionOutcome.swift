import TradeGuardCore

/// What an action did, as both front ends tell it: the command taken and the order after it
/// (the store's `ActionResult`, without the store).
public struct ActionOutcome: Sendable {
    public let command: OrderCommand
    public let code: OrderCode
    public let after: Order
    /// The payment recorded, or for a replayed key the original payment.
    public let payment: PaymentRecord?
    /// The payment key arrived again with the same amount: nothing new was written.
    public let wasReplay: Bool

    public init(command: OrderCommand, code: OrderCode, after: Order, payment: PaymentRecord?, wasReplay: Bool) {
        self.command = command
        self.code = code
        self.after = after
        self.payment = payment
        self.wasReplay = wasReplay
    }

    /// The entry of the action taken.
    public var entry: ActionEntry { ActionCatalogue.entry(for: command.action) }
    /// The app's notice.
    public var note: String { entry.note(self) }
    /// The command line's line.
    public var line: String { entry.line(self) }
}

/// The success sentences the catalogue's entries use. The app's notice is short (it sits in the
/// status line); the command line's says where the order stands, with its version.
enum Sentences {
    // MARK: The app's notices

    static func noteDone(_ o: ActionOutcome) -> String {
        "\(o.command.action.title): done for \(o.code) (now \(o.after.state.title.lowercased()))."
    }

    static func notePaid(_ o: ActionOutcome) -> String {
        guard case let .pay(amount, _, key) = o.command else { return noteDone(o) }
        return o.wasReplay ? "Payment \(key) was already recorded; nothing paid twice." : "Paid \(amount) on \(o.code) (key \(key))."
    }

    static func noteConfirmed(_ o: ActionOutcome) -> String {
        if let coverage = o.after.coverage { return "Confirmed \(o.code): \(coverage.covered) covered, \(coverage.uncovered) uncovered." }
        return "Confirmed \(o.code)."
    }

    // MARK: The command line's lines

    /// "now in production (version 7)".
    static func state(_ o: ActionOutcome) -> String {
        "now \(o.after.state.title.lowercased()) (version \(o.after.version))"
    }

    static func lineDone(_ o: ActionOutcome) -> String {
        "\(o.code): \(o.command.action.title.lowercased()) done; \(state(o))."
    }

    static func lineSubmitted(_ o: ActionOutcome) -> String {
        let due = o.after.nextDeadline.map { "; to be confirmed by \(utcMinute($0.due))" } ?? ""
        return "\(o.code) submitted to the \(o.after.initiator == .supplier ? "buyer" : "supplier")\(due); \(state(o))."
    }

    static func lineConfirmed(_ o: ActionOutcome) -> String {
        guard let coverage = o.after.coverage else { return "\(o.code) confirmed; \(state(o))." }
        return "\(o.code) confirmed: \(MoneyFormat.display(coverage.covered)) covered, \(MoneyFormat.display(coverage.uncovered)) uncovered; \(state(o))."
    }

    static func linePaid(_ o: ActionOutcome) -> String {
        guard let payment = o.payment else { return "\(o.code): payment recorded; \(state(o))." }
        if o.wasReplay {
            return "\(o.code): payment key \(payment.key) was already recorded (\(MoneyFormat.display(payment.amount)), \(payment.term.rawValue)); nothing new was recorded; \(state(o))."
        }
        let outstanding = o.after.outstanding(payment.term)
        return "\(o.code): paid \(MoneyFormat.display(payment.amount)) on the \(payment.term.rawValue) with key \(payment.key); "
            + "\(MoneyFormat.display(outstanding)) of it outstanding; \(state(o))."
    }

    /// Where a dispute stands after a move: whose move, by when, and what happens otherwise.
    static func lineDispute(_ o: ActionOutcome) -> String {
        guard let n = o.after.dispute?.negotiation else { return lineDone(o) }
        let table = n.onTable.map { "; on the table: \($0.remedy) (from the \($0.by.rawValue))" } ?? ""
        guard let due = n.due, let outcome = n.defaultOutcome else {
            return "\(o.code): \(o.command.action.title.lowercased()) done\(table); \(n.stage.title.lowercased()); \(state(o))."
        }
        return "\(o.code): \(o.command.action.title.lowercased()) done\(table); \(outcome.sentence(who: "the \(n.stage.answering.rawValue)", by: utcMinute(due))); \(state(o))."
    }

    /// How a dispute ended: the remedy, the refund's deadline, the points.
    static func lineDisputeEnded(_ o: ActionOutcome) -> String {
        guard let outcome = o.after.disputeOutcome, o.after.dispute == nil else { return lineDispute(o) }
        var parts = ["\(o.code): dispute \(outcome.how.rawValue)"]
        if let remedy = outcome.remedy { parts.append(remedy.description) }
        if let due = outcome.refundDue { parts.append("the supplier refunds by \(due.iso)") }
        if outcome.points > 0 { parts.append("\(outcome.points) violation points to the \(outcome.atFault.rawValue)") }
        return parts.joined(separator: "; ") + "; \(state(o))."
    }

    static func lineChecklist(_ o: ActionOutcome) -> String {
        let done = ChecklistItem.allCases.count - o.after.missingChecklistItems.count
        return "\(o.code): checklist \(done) of \(ChecklistItem.allCases.count) done; \(state(o))."
    }

    static func lineExtensionRequested(_ o: ActionOutcome) -> String {
        "\(o.code): extension of \(o.after.pendingExtension?.days ?? 0) days requested from the buyer; \(state(o))."
    }

    static func lineExtensionAccepted(_ o: ActionOutcome) -> String {
        "\(o.code): extension accepted, \(o.after.extensionDays) days in total; last ship day \(o.after.lastShipDate?.iso ?? "not fixed yet"); \(state(o))."
    }

    static func lineReceiptExtended(_ o: ActionOutcome) -> String {
        "\(o.code): receipt window extended to \(utcMinute(o.after.receiptDeadline)); \(state(o))."
    }

    static func lineChangeProposed(_ o: ActionOutcome) -> String {
        guard let pending = o.after.pendingAmendment else { return lineDone(o) }
        let other = pending.answeredBy.rawValue
        return "\(o.code): change \(pending.number) proposed to the \(other): " + o.after.differences(of: pending).joined(separator: "; ")
            + "; \(state(o))."
    }

    static func lineChangeAccepted(_ o: ActionOutcome) -> String {
        "\(o.code): change accepted; contract version \(o.after.contractVersion), total \(MoneyFormat.display(o.after.total)); \(state(o))."
    }

    static func lineResolved(_ o: ActionOutcome) -> String {
        let refund = o.after.refunded.map { "refund of \(MoneyFormat.display($0))" } ?? "no refund"
        return "\(o.code): dispute resolved with \(refund); \(state(o))."
    }

    /// "2026-11-27 09:30 UTC": the command line shows instants in UTC, so its output does not
    /// depend on the reader's time zone.
    static func utcMinute(_ instant: Instant?) -> String {
        guard let instant else { return "—" }
        let iso = instant.iso8601
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }
}
