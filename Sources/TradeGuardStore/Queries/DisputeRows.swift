import TradeGuardCore

/// The rows of a negotiated dispute (schema 7): the `disputes` row's negotiation columns, the
/// proposals and the evidence. `OrderRows` loads and writes them; `check`'s stream decodes the
/// same columns through the same functions, so both read a row alike.
struct DisputeRows {
    let db: Database

    /// The negotiation columns of `disputes`, in the order `negotiation(_:at:…)` reads them.
    static let negotiationColumns = "kind, stage, due_at, evidence_request"
    static let proposalColumns = "by_side, remedy, refund, note, at"
    static let evidenceColumns = "description, reference, by_party, at"
    static let outcomeColumns = "outcome, remedy, refund, refund_due, points, reasoning, resolved_at, refund_paid_at, refund_reference, kind"

    /// The negotiation from a row whose negotiation columns start at `i`; nil for an older dispute.
    static func negotiation(_ r: Statement, at i: Int, proposals: [DisputeProposal], evidence: [EvidenceItem]) throws -> Negotiation? {
        guard let kind = r.optionalText(i) else { return nil }
        guard let stage = r.optionalText(i + 1) else { throw StoreError.corruptRow("dispute of kind \(kind) without a stage") }
        return Negotiation(kind: try decode(DisputeKind.self, kind), stage: try decode(DisputeStage.self, stage),
                           due: r.optionalInt(i + 2).map { Instant(secondsSinceEpoch: $0) }, proposals: proposals,
                           evidence: evidence, evidenceRequest: r.optionalText(i + 3))
    }

    static func proposal(_ r: Statement, at i: Int, currency: Currency) throws -> DisputeProposal {
        DisputeProposal(by: try decode(PartyKind.self, r.text(i)),
                        remedy: Remedy(kind: try decode(RemedyKind.self, r.text(i + 1)), refund: Money(minorUnits: r.int(i + 2), currency: currency)),
                        note: r.text(i + 3), at: Instant(secondsSinceEpoch: r.int(i + 4)))
    }

    static func evidence(_ r: Statement, at i: Int) throws -> EvidenceItem {
        EvidenceItem(description: r.text(i), reference: r.text(i + 1), by: try Handle(r.text(i + 2)), at: Instant(secondsSinceEpoch: r.int(i + 3)))
    }

    /// The outcome of a row whose outcome columns start at `i`; nil for an older or open dispute.
    static func outcome(_ r: Statement, at i: Int, currency: Currency) throws -> DisputeOutcome? {
        guard let how = r.optionalText(i), let at = r.optionalInt(i + 6) else { return nil }
        guard let kind = r.optionalText(i + 9) else { throw StoreError.corruptRow("dispute outcome \(how) without a kind") }
        let remedy = try r.optionalText(i + 1).map { Remedy(kind: try decode(RemedyKind.self, $0), refund: Money(minorUnits: r.optionalInt(i + 2) ?? 0, currency: currency)) }
        return DisputeOutcome(how: try decode(DisputeOutcome.How.self, how), kind: try decode(DisputeKind.self, kind), remedy: remedy,
                              refundDue: r.optionalInt(i + 3).map { CalendarDate(daysSinceEpoch: Int($0)) },
                              points: Int(r.optionalInt(i + 4) ?? 0), reasoning: r.optionalText(i + 5) ?? "", at: Instant(secondsSinceEpoch: at),
                              refundPaid: r.optionalInt(i + 7).map { RefundPaid(at: Instant(secondsSinceEpoch: $0), reference: r.optionalText(i + 8) ?? "") })
    }

    // MARK: Loading one order's

    /// The open dispute's negotiation columns, proposals and evidence.
    func loadNegotiation(order id: Int64, currency: Currency) throws -> Negotiation? {
        let proposals = try db.query("""
            SELECT \(Self.proposalColumns) FROM dispute_proposals
            WHERE order_id = ?1 AND dispute_id = (SELECT id FROM disputes WHERE order_id = ?1 AND resolved_at IS NULL) ORDER BY id
            """, [.int(id)]) { try Self.proposal($0, at: 0, currency: currency) }
        let evidence = try db.query("""
            SELECT \(Self.evidenceColumns) FROM dispute_evidence
            WHERE order_id = ?1 AND dispute_id = (SELECT id FROM disputes WHERE order_id = ?1 AND resolved_at IS NULL) ORDER BY id
            """, [.int(id)]) { try Self.evidence($0, at: 0) }
        return try db.query("SELECT \(Self.negotiationColumns) FROM disputes WHERE order_id = ? AND resolved_at IS NULL",
                            [.int(id)]) { try Self.negotiation($0, at: 0, proposals: proposals, evidence: evidence) }.first ?? nil
    }

    /// How the order's last negotiated dispute ended.
    func loadOutcome(order id: Int64, currency: Currency) throws -> DisputeOutcome? {
        try db.query("""
            SELECT \(Self.outcomeColumns) FROM disputes WHERE order_id = ? AND outcome IS NOT NULL ORDER BY id DESC LIMIT 1
            """, [.int(id)]) { try Self.outcome($0, at: 0, currency: currency) }.first ?? nil
    }

    // MARK: Writing

    /// The rows `before → after` implies for the order's disputes (the workflow's and the
    /// seeder's writes alike).
    func write(from before: Order, to after: Order, order id: Value, at now: Instant) throws {
        let closing = before.dispute != nil && after.dispute == nil
        if closing {
            let outcome = after.disputeOutcome != before.disputeOutcome ? after.disputeOutcome : nil
            try db.run("""
                UPDATE disputes SET refund = ?, resolved_at = ?, outcome = ?, remedy = ?, refund_due = ?, points = ?, reasoning = ?
                WHERE order_id = ? AND resolved_at IS NULL
                """, [.int(after.refunded?.minorUnits ?? 0), .int(now.secondsSinceEpoch), Value(outcome?.how.rawValue),
                      Value(outcome?.remedy?.kind.rawValue), Value(outcome?.refundDue.map { Int64($0.daysSinceEpoch) }),
                      Value(outcome.map { Int64($0.points) }), Value(outcome?.reasoning), id])
        }
        if !closing, before.disputeOutcome?.refundPaid == nil, let paid = after.disputeOutcome?.refundPaid {
            // The refund recorded (schema 9): on the row of the outcome that made it due.
            try db.run("""
                UPDATE disputes SET refund_paid_at = ?, refund_reference = ?
                WHERE id = (SELECT id FROM disputes WHERE order_id = ? AND outcome IS NOT NULL ORDER BY id DESC LIMIT 1)
                """, [.int(paid.at.secondsSinceEpoch), .text(paid.reference), id])
        }
        guard let dispute = after.dispute else { return }
        let n = dispute.negotiation
        if before.dispute == nil || closing {
            try db.run("""
                INSERT INTO disputes (order_id, reason, amount, opened_at, from_state, kind, stage, due_at, evidence_request)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, .text(dispute.reason), .int(dispute.amount.minorUnits), .int(dispute.openedAt.secondsSinceEpoch),
                      .text(dispute.fromState.rawValue), Value(n?.kind.rawValue), Value(n?.stage.rawValue),
                      Value(n?.due?.secondsSinceEpoch), Value(n?.evidenceRequest)])
        } else if before.dispute?.negotiation != n {
            // Reaching the platform happens once: the first escalation's time stays (schema 11).
            try db.run("""
                UPDATE disputes SET stage = ?, due_at = ?, evidence_request = ?, escalated_at = coalesce(escalated_at, ?)
                WHERE order_id = ? AND resolved_at IS NULL
                """, [Value(n?.stage.rawValue), Value(n?.due?.secondsSinceEpoch), Value(n?.evidenceRequest),
                      n?.stage == .escalated ? .int(now.secondsSinceEpoch) : .null, id])
        }
        guard let n else { return }
        let old = before.dispute == nil || closing ? nil : before.dispute?.negotiation
        for p in n.proposals.dropFirst(old?.proposals.count ?? 0) {
            try db.run("""
                INSERT INTO dispute_proposals (order_id, dispute_id, by_side, remedy, refund, note, at)
                VALUES (?1, (SELECT id FROM disputes WHERE order_id = ?1 AND resolved_at IS NULL), ?, ?, ?, ?, ?)
                """, [id, .text(p.by.rawValue), .text(p.remedy.kind.rawValue), .int(p.remedy.refund.minorUnits), .text(p.note),
                      .int(p.at.secondsSinceEpoch)])
        }
        for e in n.evidence.dropFirst(old?.evidence.count ?? 0) {
            try db.run("""
                INSERT INTO dispute_evidence (order_id, dispute_id, description, reference, by_party, at)
                VALUES (?1, (SELECT id FROM disputes WHERE order_id = ?1 AND resolved_at IS NULL), ?, ?, ?, ?)
                """, [id, .text(e.description), .text(e.reference), .text(e.by.value), .int(e.at.secondsSinceEpoch)])
        }
    }
}
