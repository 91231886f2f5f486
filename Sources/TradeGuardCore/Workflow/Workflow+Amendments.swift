/// The decisions of changes after confirmation. Each returns the payload of its event: the
/// complete proposal or the complete new contract, so the log alone can say what was agreed.
extension Workflow {
    static func proposeChange(_ order: Order, _ next: inout Order, _ contract: Contract, routeFreight: Money?, reason: String,
                              by actor: Actor, now: Instant) throws(Refusal) -> [AuditEvent.Field] {
        let reason = try text(reason, "reason", 1000)
        // The one text a proposal types (the address): refused as too long by name, as fields are.
        _ = try text(contract.destination, "destination", 500)
        guard let party = actor.kind else { throw .systemOnly(.proposeChange) }
        try checkSomethingAmendable(order, actor)
        try checkProposal(order, contract, routeFreight: routeFreight, by: party, today: now.utcDate)
        // A new proposal replaces the one still waiting, whoever made it.
        var superseded = ""
        if let last = next.amendments.indices.last, next.amendments[last].status == .requested {
            next.amendments[last].status = .superseded
            next.amendments[last].answeredAt = now
            superseded = String(next.amendments[last].number)
        }
        let number = order.amendments.count + 1
        next.amendments.append(Amendment(number: number, proposedBy: party, proposedAt: now, contract: contract,
                                         routeFreight: routeFreight, reason: reason))
        let terms = ChangeRules.terms(changedFrom: order.contract, to: contract)
        return [.init("number", String(number)), .init("terms", terms.map(\.rawValue).joined(separator: ",")),
                .init("reason", reason), .init("routeFreight", routeFreight.map(MoneyFormat.decimal) ?? ""),
                .init("supersedes", superseded), .init("contract", ContractEncoding.encode(contract))]
    }

    static func acceptChange(_ order: Order, _ next: inout Order, number: Int, by actor: Actor, context: DecisionContext,
                             ledger: inout [LedgerEntry]) throws(Refusal) -> [AuditEvent.Field] {
        let now = context.now
        let index = try checkAnswerable(order, number: number, actor)
        let amendment = order.amendments[index]
        // Asked again now: the order may have been paid since it was proposed.
        try checkProposal(order, amendment.contract, routeFreight: amendment.routeFreight, by: amendment.proposedBy,
                          today: now.utcDate)
        next.contract = amendment.contract
        next.amendments[index].status = .accepted
        next.amendments[index].answeredAt = now
        var fields: [AuditEvent.Field] = [.init("number", String(number)), .init("contractVersion", String(next.contractVersion)),
                                          .init("total", MoneyFormat.decimal(next.total)),
                                          .init("contract", ContractEncoding.encode(next.contract))]
        if !context.coverageFixedAtConfirmation { fields += try refixCoverage(order, &next, context, &ledger) }
        return fields
    }

    /// A change of the total (the price or the shipping fee, possible only before payment)
    /// re-fixes the coverage as a confirmation would, at the rate fixed at confirmation: the new
    /// total in USD, covered as far as this order's own reservation and the limit free now
    /// allow. The reservation moves by the difference (a reserve or a release row), so it always
    /// nets to what the order covers and the end of the order releases exactly that.
    static func refixCoverage(_ order: Order, _ next: inout Order, _ context: DecisionContext,
                              _ ledger: inout [LedgerEntry]) throws(Refusal) -> [AuditEvent.Field] {
        guard let old = order.coverage, next.total != order.total else { return [] }
        let room = Money(minorUnits: old.covered.minorUnits + max(0, context.coverableLimit.minorUnits), currency: .usd)
        let coverage: Coverage
        do { coverage = try Coverage.preview(total: next.total, rate: old.rate, available: room) } catch { throw .rate(error) }
        next.coverage = coverage
        let change = coverage.covered.minorUnits - old.covered.minorUnits
        if change > 0 {
            ledger.append(LedgerEntry(kind: .reserve, supplier: order.supplier, order: order.code,
                                      amount: Money(minorUnits: change, currency: .usd), rateMicros: old.rate.microUnitsPerUSD))
        } else if change < 0 {
            ledger.append(LedgerEntry(kind: .release, supplier: order.supplier, order: order.code,
                                      amount: Money(minorUnits: -change, currency: .usd)))
        }
        return [.init("covered", MoneyFormat.decimal(coverage.covered)), .init("uncovered", MoneyFormat.decimal(coverage.uncovered)),
                .init("totalUSD", MoneyFormat.decimal(coverage.totalUSD))]
    }

    static func rejectChange(_ order: Order, _ next: inout Order, number: Int, reason: String, by actor: Actor,
                             now: Instant) throws(Refusal) -> [AuditEvent.Field] {
        let reason = try text(reason, "reason", 1000)
        let index = try checkAnswerable(order, number: number, actor)
        next.amendments[index].status = .rejected
        next.amendments[index].answeredAt = now
        next.amendments[index].answerReason = reason
        return [.init("number", String(number)), .init("reason", reason)]
    }
}
