/// Whose move it is in a dispute, and what the clock does if that party stays silent.
public enum DisputeStage: String, Sendable, CaseIterable, Codable {
    /// The buyer's proposal is on the table: the supplier agrees, counters or asks for evidence.
    case awaitingSupplier = "awaiting-supplier"
    /// The supplier's counter-proposal is on the table: the buyer agrees, edits, withdraws or escalates.
    case awaitingBuyer = "awaiting-buyer"
    /// The supplier asked for evidence: the buyer adds it (or edits, withdraws, escalates).
    case awaitingEvidence = "awaiting-evidence"
    /// The platform decides.
    case escalated

    /// The side that must answer now.
    public var answering: PartyKind {
        switch self {
        case .awaitingSupplier: return .supplier
        case .awaitingBuyer, .awaitingEvidence: return .buyer
        case .escalated: return .platform
        }
    }

    /// What the clock applies when the answer's due date passes in silence (nil: no clock).
    /// A silent supplier, or a buyer who cannot produce evidence, leaves it to the platform; a
    /// buyer who lets a counter-proposal lapse drops the claim.
    public var defaultOutcome: DefaultOutcome? {
        switch self {
        case .awaitingSupplier, .awaitingEvidence: return .escalate
        case .awaitingBuyer: return .lapse
        case .escalated: return nil
        }
    }

    /// The default outcome for a claim of `kind`. A supplier's balance claim has no lapse: the
    /// buyer it is made against cannot end it by staying silent, so silence leaves it to the
    /// platform.
    public func defaultOutcome(for kind: DisputeKind) -> DefaultOutcome? {
        guard kind.claimant == .supplier else { return defaultOutcome }
        return self == .escalated ? nil : .escalate
    }

    public var title: String {
        switch self {
        case .awaitingSupplier: return "Awaiting supplier"
        case .awaitingBuyer: return "Awaiting buyer"
        case .awaitingEvidence: return "Awaiting evidence"
        case .escalated: return "Escalated to platform"
        }
    }
}

/// What the sweep does to a dispute whose answer is overdue.
public enum DefaultOutcome: String, Sendable, CaseIterable, Codable {
    case escalate
    /// The claim closes with no refund; the order goes back to where it was.
    case lapse

    /// "if Ningbo Homeware has not answered by 12 Dec, the platform decides" — shown on both
    /// screens before it happens. `who` and `by` come formatted from the screen.
    public func sentence(who: String, by: String) -> String {
        switch self {
        case .escalate: return "if \(who) has not answered by \(by), the platform decides"
        case .lapse: return "if \(who) has not answered by \(by), the claim closes with no refund"
        }
    }
}

/// One proposal of the thread: the buyer's claim or edit, the supplier's counter.
public struct DisputeProposal: Hashable, Sendable {
    public let by: PartyKind
    public let remedy: Remedy
    public let note: String
    public let at: Instant

    public init(by: PartyKind, remedy: Remedy, note: String, at: Instant) {
        self.by = by
        self.remedy = remedy
        self.note = note
        self.at = at
    }
}

/// A piece of evidence attached to a dispute.
public struct EvidenceItem: Hashable, Sendable {
    public let description: String
    /// A file name, a link or a document number.
    public let reference: String
    public let by: Handle
    public let at: Instant

    public init(description: String, reference: String, by: Handle, at: Instant) {
        self.description = description
        self.reference = reference
        self.by = by
        self.at = at
    }
}

/// The negotiation of a dispute opened with a kind and a remedy (disputes from before it have
/// none and are resolved by the platform alone).
public struct Negotiation: Hashable, Sendable {
    public var kind: DisputeKind
    public var stage: DisputeStage
    /// When the answering party's time ends (nil once escalated).
    public var due: Instant?
    /// Oldest first; the last one is on the table.
    public var proposals: [DisputeProposal]
    public var evidence: [EvidenceItem]
    /// What the supplier asked the buyer to show, while awaiting evidence.
    public var evidenceRequest: String?

    public init(kind: DisputeKind, stage: DisputeStage, due: Instant?, proposals: [DisputeProposal],
                evidence: [EvidenceItem] = [], evidenceRequest: String? = nil) {
        self.kind = kind
        self.stage = stage
        self.due = due
        self.proposals = proposals
        self.evidence = evidence
        self.evidenceRequest = evidenceRequest
    }

    /// The proposal on the table.
    public var onTable: DisputeProposal? { proposals.last }

    /// What happens at `due` if nobody answers, or nil.
    public var defaultOutcome: DefaultOutcome? { due == nil ? nil : stage.defaultOutcome(for: kind) }
}

/// How a negotiated dispute ended.
public struct DisputeOutcome: Hashable, Sendable {
    public enum How: String, Sendable, CaseIterable, Codable {
        /// The parties agreed on a proposal.
        case agreed
        /// The platform decided after an escalation.
        case decided
        /// The buyer withdrew the claim.
        case withdrawn
        /// The buyer let a counter-proposal's due date pass.
        case lapsed
    }

    public let how: How
    /// What the claim was about: it says who made it, and so who is at fault when points follow.
    public let kind: DisputeKind
    /// The remedy applied (nil when withdrawn or lapsed).
    public let remedy: Remedy?
    /// The supplier must have refunded by the end of this day: 7 working days [F §1.5].
    public let refundDue: CalendarDate?
    /// Violation points the party at fault received (the supplier; the buyer on a balance claim).
    public let points: Int
    /// The platform's reasoning, the buyer's reason for withdrawing; empty otherwise.
    public let reasoning: String
    public let at: Instant
    /// When the supplier recorded the refund paid, and the transfer's reference (nil: not yet).
    public var refundPaid: RefundPaid?

    public init(how: How, kind: DisputeKind, remedy: Remedy?, refundDue: CalendarDate?, points: Int, reasoning: String, at: Instant,
                refundPaid: RefundPaid? = nil) {
        self.how = how
        self.kind = kind
        self.remedy = remedy
        self.refundDue = refundDue
        self.points = points
        self.reasoning = reasoning
        self.at = at
        self.refundPaid = refundPaid
    }

    /// The party whose points these are: the one the claim was made against (the buyer on the
    /// supplier's balance claim, the supplier on the buyer's claims).
    public var atFault: PartyKind { kind.respondent }

    /// A refund is due and not yet recorded: the supplier's move, against `refundDue`.
    public var refundPending: Bool { refundDue != nil && refundPaid == nil }
}

/// The refund of a dispute's outcome, recorded as paid.
public struct RefundPaid: Hashable, Sendable {
    public let at: Instant
    /// The transfer's reference, so the buyer can find it.
    public let reference: String

    public init(at: Instant, reference: String) {
        self.at = at
        self.reference = reference
    }
}
