/// Where a proposed change stands: `requested → accepted | rejected | superseded`.
public enum AmendmentStatus: String, Sendable, CaseIterable, Codable {
    case requested, accepted, rejected, superseded
}

/// A change to a confirmed contract, proposed by one party and answered by the other. It
/// carries the complete proposed contract, so accepting it writes that contract as the new
/// version and anyone can read the term-by-term diff.
public struct Amendment: Hashable, Sendable {
    /// 1, 2, 3 … per order, in the order proposed.
    public let number: Int
    public let proposedBy: PartyKind
    public let proposedAt: Instant
    /// The contract as it would read if accepted.
    public let contract: Contract
    /// After payment, a route change names the new route's freight (at most 120% of the old);
    /// the contract's freight itself stays: no refund or top-up follows a route change.
    public let routeFreight: Money?
    public let reason: String
    public var status: AmendmentStatus
    public var answeredAt: Instant?
    /// The rejecting party's reason.
    public var answerReason: String?

    public init(number: Int, proposedBy: PartyKind, proposedAt: Instant, contract: Contract, routeFreight: Money?, reason: String,
                status: AmendmentStatus = .requested, answeredAt: Instant? = nil, answerReason: String? = nil) {
        self.number = number
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.contract = contract
        self.routeFreight = routeFreight
        self.reason = reason
        self.status = status
        self.answeredAt = answeredAt
        self.answerReason = answerReason
    }

    /// The party that answers it.
    public var answeredBy: PartyKind { proposedBy == .supplier ? .buyer : .supplier }
}

extension Order {
    /// The proposal waiting for an answer, if any (at most one: a new one supersedes it).
    public var pendingAmendment: Amendment? {
        amendments.last.flatMap { $0.status == .requested ? $0 : nil }
    }

    /// 1 for the contract as confirmed, +1 for each accepted amendment.
    public var contractVersion: Int { 1 + amendments.filter { $0.status == .accepted }.count }

    /// What `amendment` would change, term by term, against the contract as it stands
    /// ("Destination: “…” → “…”"), with the route's freight quote where there is one.
    public func differences(of amendment: Amendment) -> [String] {
        var lines = amendment.contract.differences(from: contract)
        if let quote = amendment.routeFreight {
            lines.append("New route's freight: \(quote) (at most 120% of \(contract.freight); no refund or top-up)")
        }
        return lines
    }
}
