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

    static func acceptChange(_ order: Order, _ next: inout Order, number: Int, by actor: Actor,
                             now: Instant) throws(Refusal) -> [AuditEvent.Field] {
        let index = try checkAnswerable(order, number: number, actor)
        let amendment = order.amendments[index]
        // Asked again now: the order may have been paid since it was proposed.
        try checkProposal(order, amendment.contract, routeFreight: amendment.routeFreight, by: amendment.proposedBy,
                          today: now.utcDate)
        next.contract = amendment.contract
        next.amendments[index].status = .accepted
        next.amendments[index].answeredAt = now
        return [.init("number", String(number)), .init("contractVersion", String(next.contractVersion)),
                .init("total", MoneyFormat.decimal(next.total)), .init("contract", ContractEncoding.encode(next.contract))]
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
