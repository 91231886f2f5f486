import TradeGuardCore

/// The `disputes` rows of a seeded life, with each negotiated one's proposals and evidence, as
/// `DisputeRows.write` leaves them after the same decisions: followed step by step from the
/// order before and after each, because a dispute that ended is no longer in the final order
/// (and the rows keep what the workflow left in them, the last stage and due date included).
struct SeedDisputes: Sendable {
    struct Row: Sendable {
        var reason: String, amount: Int64, openedAt: Int64, fromState: String
        var kind: String?, stage: String?, dueAt: Int64?, evidenceRequest: String?
        var refund: Int64? = nil, resolvedAt: Int64? = nil
        var outcome: String? = nil, remedy: String? = nil, refundDue: Int64? = nil, points: Int64? = nil, reasoning: String? = nil
        var refundPaidAt: Int64? = nil, refundReference: String? = nil
        /// When it reached the platform, kept once set (schema 11).
        var escalatedAt: Int64? = nil
        var proposals: [DisputeProposal] = []
        var evidence: [EvidenceItem] = []
    }

    private(set) var rows: [Row] = []

    /// What one decision `before → after` at `now` writes, as `DisputeRows.write` does.
    mutating func follow(from before: Order, to after: Order, at now: Instant) {
        // The refund recorded (schema 9), on the row of the outcome that made it due.
        if before.dispute == nil, after.dispute == nil, before.disputeOutcome?.refundPaid == nil,
           let paid = after.disputeOutcome?.refundPaid, let last = rows.indices.last(where: { rows[$0].outcome != nil }) {
            rows[last].refundPaidAt = paid.at.secondsSinceEpoch
            rows[last].refundReference = paid.reference
            return
        }
        guard before.dispute != nil || after.dispute != nil else { return }
        let closing = before.dispute != nil && after.dispute == nil
        if closing, !rows.isEmpty {
            let outcome = after.disputeOutcome != before.disputeOutcome ? after.disputeOutcome : nil
            let last = rows.count - 1
            rows[last].refund = after.refunded?.minorUnits ?? 0
            rows[last].resolvedAt = now.secondsSinceEpoch
            rows[last].outcome = outcome?.how.rawValue
            rows[last].remedy = outcome?.remedy?.kind.rawValue
            rows[last].refundDue = outcome?.refundDue.map { Int64($0.daysSinceEpoch) }
            rows[last].points = outcome.map { Int64($0.points) }
            rows[last].reasoning = outcome?.reasoning
        }
        guard let dispute = after.dispute else { return }
        let n = dispute.negotiation
        if before.dispute == nil || closing {
            rows.append(Row(reason: dispute.reason, amount: dispute.amount.minorUnits, openedAt: dispute.openedAt.secondsSinceEpoch,
                            fromState: dispute.fromState.rawValue, kind: n?.kind.rawValue, stage: n?.stage.rawValue,
                            dueAt: n?.due?.secondsSinceEpoch, evidenceRequest: n?.evidenceRequest))
        } else if before.dispute?.negotiation != n {
            rows[rows.count - 1].stage = n?.stage.rawValue
            rows[rows.count - 1].dueAt = n?.due?.secondsSinceEpoch
            rows[rows.count - 1].evidenceRequest = n?.evidenceRequest
            if n?.stage == .escalated, rows[rows.count - 1].escalatedAt == nil { rows[rows.count - 1].escalatedAt = now.secondsSinceEpoch }
        }
        guard let n else { return }
        // The whole thread so far: the rows hold every proposal and item, added as they came.
        rows[rows.count - 1].proposals = n.proposals
        rows[rows.count - 1].evidence = n.evidence
    }
}
