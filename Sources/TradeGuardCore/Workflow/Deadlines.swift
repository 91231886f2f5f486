/// The clocks of the service. Values are the real service's published rules.
public enum DeadlineRules {
    public static let confirmationDays = 30
    public static let paymentDays = 60
    public static let maxExtensionDays = 90
    public static let receiptExtensionDays = 15
    public static let protectionDays = 30
}

public enum DeadlineKind: String, Sendable, CaseIterable, Codable {
    case confirmation, payment, contact, shipping, receipt, protection
    /// The answer to a dispute proposal or evidence request.
    case disputeAnswer
    /// The refund an agreed or decided dispute made due: 7 working days.
    case refund

    /// What happens, or what is lost, when it passes.
    public var consequence: String {
        switch self {
        case .confirmation: return "cancelled automatically if not confirmed"
        case .payment: return "cancelled automatically if nothing is paid"
        case .contact: return "buyer contact is late; the lateness stays on the order's record"
        case .shipping: return "late shipment; the buyer may claim"
        case .receipt: return "completed automatically"
        case .protection: return "protection ends; the order closes once nothing is owed"
        case .disputeAnswer: return "the dispute's default outcome applies"
        case .refund: return "the refund is late; the platform recovers it from the supplier's account"
        }
    }

    public var title: String {
        switch self {
        case .confirmation: return "Confirm by"
        case .payment: return "Pay by"
        case .contact: return "Contact buyer by"
        case .shipping: return "Ship by"
        case .receipt: return "Confirm receipt by"
        case .protection: return "Protected until"
        case .disputeAnswer: return "Answer the dispute by"
        case .refund: return "Refund by"
        }
    }
}

/// A deadline that is running: what, when, and who must act.
public struct Deadline: Hashable, Sendable {
    public let kind: DeadlineKind
    /// The first instant at which it has passed.
    public let due: Instant
    public let waitingOn: Role?

    public func isPassed(at now: Instant) -> Bool { now >= due }
}

extension Order {
    /// The last day the supplier may ship, with accepted extensions; nil until its anchor exists.
    public var lastShipDate: CalendarDate? {
        let base: CalendarDate?
        switch contract.shipDate {
        case let .fixed(date): base = date
        case let .daysAfterAdvance(n): base = advancePaidAt.map { $0.utcDate.adding(days: n) }
        case let .daysAfterBalance(n): base = balancePaidAt.map { $0.utcDate.adding(days: n) }
        }
        return base?.adding(days: extensionDays)
    }

    /// Given by the contract (moved by accepted extensions), or the ship date + transit days.
    public var expectedDelivery: CalendarDate? {
        if let given = contract.expectedDelivery { return given.adding(days: extensionDays) }
        return lastShipDate?.adding(days: contract.shippingMethod.transitDays)
    }

    /// Contact must be logged on or before this day (7 days before expected delivery).
    public var lastContactDate: CalendarDate? {
        expectedDelivery?.adding(days: -ChecklistItem.contactLeadDays)
    }

    /// A contact was logged in time for the current expected delivery.
    public var contactInTime: Bool {
        guard let last = lastContactDate else { return false }
        return contacts.contains { $0.at.utcDate <= last }
    }

    /// The contact rule is broken: the last day passed with no contact logged in time.
    public func contactLate(at now: Instant) -> Bool {
        guard let last = lastContactDate else { return false }
        return !contactInTime && now.utcDate > last
    }

    /// A contact was logged, but after its last day: the deadline is met, late. It no longer
    /// runs (it would stay "overdue" for good and hide the ship deadline behind it).
    public var contactedLate: Bool { !contacts.isEmpty && !contactInTime && lastContactDate != nil }

    public var receiptDeadline: Instant? {
        guard let shipped = shipment?.at else { return nil }
        let days = contract.shippingMethod.receiptWindowDays + receiptExtendedBy.count * DeadlineRules.receiptExtensionDays
        return shipped.adding(days: days)
    }

    public var protectionEnds: Instant? { receivedAt?.adding(days: protectionDays) }

    /// Every clock running in the current state, earliest first.
    public var deadlines: [Deadline] {
        var list: [Deadline] = []
        switch state {
        case .awaitingConfirmation:
            if let submitted = submittedAt {
                list.append(Deadline(kind: .confirmation, due: submitted.adding(days: DeadlineRules.confirmationDays), waitingOn: .counterparty))
            }
        case .awaitingPayment:
            if let confirmed = confirmedAt {
                list.append(Deadline(kind: .payment, due: confirmed.adding(days: DeadlineRules.paymentDays), waitingOn: .buyer))
            }
        case .advancePaid, .inProduction, .readyToShip:
            if let last = lastShipDate { list.append(Deadline(kind: .shipping, due: last.adding(days: 1).startUTC, waitingOn: .supplier)) }
            // Runs until a contact is logged; one logged late meets it (late), see contactedLate.
            if contacts.isEmpty, let last = lastContactDate {
                list.append(Deadline(kind: .contact, due: last.adding(days: 1).startUTC, waitingOn: .supplier))
            }
        case .shipped:
            if let due = receiptDeadline { list.append(Deadline(kind: .receipt, due: due, waitingOn: .buyer)) }
        case .completed:
            if let ends = protectionEnds { list.append(Deadline(kind: .protection, due: ends, waitingOn: nil)) }
        case .disputed:
            if let negotiation = dispute?.negotiation, let due = negotiation.due {
                let role: Role = negotiation.stage.answering == .supplier ? .supplier : .buyer
                list.append(Deadline(kind: .disputeAnswer, due: due, waitingOn: role))
            }
        case .refunded:
            // Until the supplier records the refund: by the end of its last working day.
            if let outcome = disputeOutcome, outcome.refundPending, let due = outcome.refundDue {
                list.append(Deadline(kind: .refund, due: due.adding(days: 1).startUTC, waitingOn: .supplier))
            }
        case .draft, .closed, .cancelled:
            break
        }
        return list.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }

    /// The nearest running deadline: what queues sort by (the store indexes it).
    public var nextDeadline: Deadline? { deadlines.first }

    /// When the sweep will next have a timeout to apply to this order (nil: none pending, e.g. a
    /// part-paid order, which waits overdue rather than being cancelled). The store indexes it.
    public var timeoutAt: Instant? {
        switch state {
        case .awaitingConfirmation, .awaitingPayment:
            guard paidTotal.isZero else { return nil }
            return deadlines.first { $0.kind == .confirmation || $0.kind == .payment }?.due
        case .shipped: return receiptDeadline
        // A balance still owed keeps the order open: closing it would leave the buyer no way to
        // pay (a balance claim agreed after the window). Paying it lets the close come due, as
        // does the platform's rejecting the supplier's claim to it.
        case .completed: return balanceOwedAfterReceipt && !balanceClaimRejected ? nil : protectionEnds
        case .disputed: return dispute?.negotiation?.due
        default: return nil
        }
    }

    /// The kind of party whose move it is (nil: nobody, or the clock).
    public var waitingOnKind: PartyKind? {
        // A negotiated dispute waits on whichever side must answer.
        if state == .disputed, let negotiation = dispute?.negotiation { return negotiation.stage.answering }
        // A refund agreed or decided waits on the supplier until it is recorded.
        if state == .refunded, disputeOutcome?.refundPending == true { return .supplier }
        guard let role = state.waitingOn else { return nil }
        if role == .platform { return .platform }
        return party(playing: role)?.1
    }

    /// The timeout the sweep must apply at `now`, if one is due.
    public func dueTimeout(at now: Instant) -> OrderCommand? {
        switch state {
        case .awaitingConfirmation, .awaitingPayment:
            // Money received is never cancelled away: a part-paid order waits, overdue.
            guard paidTotal.isZero, let deadline = deadlines.first(where: { $0.kind == .confirmation || $0.kind == .payment }),
                  deadline.isPassed(at: now) else { return nil }
            return .autoCancel
        case .shipped:
            guard let due = receiptDeadline, now >= due else { return nil }
            return .autoComplete
        case .completed:
            guard !balanceOwedAfterReceipt || balanceClaimRejected, let ends = protectionEnds, now >= ends else { return nil }
            return .close
        case .disputed:
            guard let due = dispute?.negotiation?.due, now >= due else { return nil }
            return .disputeTimeout
        default:
            return nil
        }
    }
}
