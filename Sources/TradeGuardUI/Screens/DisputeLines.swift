import TradeGuardCore

/// The dispute section of an order's detail (issue 21): the claim, whose move it is and by
/// when, what happens if that party stays silent, the proposal on the table, the thread, the
/// evidence — or, once it ended, the outcome with the refund's deadline and the points. Shown
/// for disputes opened with a kind and remedy; an older dispute keeps its plain state line.
enum DisputeLines {
    /// `platform`: the platform is reading, to decide — each side's position and what was paid
    /// are set out before the thread, and an older dispute says how it is resolved.
    static func lines(_ o: Order, time: TimeFormat, width: Int, platform: Bool = false) -> [DetailScreen.Line] {
        var out: [DetailScreen.Line] = []
        // Long values wrap under themselves: a sentence about money and deadlines is never cut.
        func field(_ label: String, _ value: String, _ role: Role = .normal) {
            // The platform's reasoning keeps its paragraphs.
            for (i, line) in TextWrap.lines(Sanitizer.clean(multiline: value), width: max(20, width - 22)).enumerated() {
                out.append([(DisplayWidth.pad(i == 0 ? label : "", to: 20), .muted), (line, role)])
            }
        }
        if let dispute = o.dispute, let n = dispute.negotiation {
            out.append([])
            out.append([("Dispute", .header)])
            field("Claim", "\(n.kind.title): \(dispute.reason)")
            field("Stage", n.stage.title, n.stage == .escalated ? .statusWarn : .normal)
            if let table = n.onTable { field("On the table", "\(table.remedy), from the \(table.by.rawValue)", .money) }
            if platform {
                // A balance claim's amount is what the buyer owes, not what it paid.
                field(n.kind == .balanceUnpaid ? "Balance owed" : "Paid", dispute.amount.description, .money)
                for side in [n.kind.claimant, n.kind.respondent] {
                    let last = n.proposals.last { $0.by == side }
                    field("\(side.rawValue.capitalized) \(side == n.kind.claimant ? "claims" : "offers")",
                          last.map { "\($0.remedy) — \($0.note)" } ?? "no proposal", last == nil ? .muted : .normal)
                }
            }
            field("Whose move", whoseMove(o, n, time: time), .statusWarn)
            if let due = n.due, let outcome = n.defaultOutcome {
                field("If silent", outcome.sentence(who: answering(o, n), by: time.dateTime(due)))
            }
            if let request = n.evidenceRequest { field("Evidence asked", request) }
            for (i, p) in n.proposals.enumerated() {
                field(i == 0 ? "Thread" : "", "\(time.dateTime(p.at))  \(p.by.rawValue): \(p.remedy) — \(p.note)", .muted)
            }
            for (i, e) in n.evidence.enumerated() {
                field(i == 0 ? "Evidence" : "", "\(time.dateTime(e.at))  \(e.by.value): \(e.description)\(e.reference.isEmpty ? "" : " (\(e.reference))")")
            }
        } else if platform, let dispute = o.dispute {
            out.append([])
            out.append([("Dispute (older form)", .header)])
            field("Claim", dispute.reason)
            field("Paid", dispute.amount.description, .money)
            field("Resolve", "from the command line: tradeguard do resolve \(o.code) --refund A --as platform")
        } else if let outcome = o.disputeOutcome {
            out.append([])
            out.append([("Dispute (ended)", .header)])
            field("Outcome", "\(outcome.how.rawValue) on \(time.dateTime(outcome.at))")
            if let remedy = outcome.remedy { field("Remedy", remedy.description, .money) }
            if let paid = outcome.refundPaid {
                field("Refund paid", "\(time.dateTime(paid.at)), reference \(paid.reference)", .statusOK)
            } else if let due = outcome.refundDue {
                field("Refund due by", "\(due.iso) (the supplier, within 7 working days)", .statusWarn)
            }
            if outcome.points > 0 { field("Violation points", "\(outcome.points) to the supplier", .statusDanger) }
            if !outcome.reasoning.isEmpty { field(outcome.how == .decided ? "Reasoning" : "Reason", outcome.reasoning) }
        }
        return out
    }

    /// "tanaka-shoji (buyer), by 2026-11-29 09:00", "the platform".
    static func whoseMove(_ o: Order, _ n: Negotiation, time: TimeFormat) -> String {
        guard n.stage.answering != .platform else { return "the platform decides" }
        let who = "\(answering(o, n)) (\(n.stage.answering.rawValue))"
        return n.due.map { "\(who), by \(time.dateTime($0))" } ?? who
    }

    static func answering(_ o: Order, _ n: Negotiation) -> String {
        switch n.stage.answering {
        case .supplier: return o.supplier.value
        case .buyer: return o.buyer.value
        case .platform: return "the platform"
        }
    }
}
