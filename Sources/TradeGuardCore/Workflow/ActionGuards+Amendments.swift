/// The guards of changes after confirmation: every one asks the permission table (ChangeRules).
extension Workflow {
    /// Refuses with the table's sentence when `party` may not propose a change of `term` now.
    static func checkTable(_ term: AmendableTerm, _ order: Order, _ party: PartyKind) throws(Refusal) {
        if case let .mayNot(reason) = ChangeRules.permission(term, state: order.state, party: party,
                                                            guaranteedDate: order.contract.guaranteedDate) {
            throw .changeNotAllowed(term, reason: reason)
        }
    }

    /// The terms `propose-change` carries (dispatch time and the receipt window have their own
    /// extension actions).
    static let proposableTerms: [AmendableTerm] = [.price, .shippingFee, .deliveryAddress, .route]

    /// Some term may be proposed by `actor` now; else the delivery address's refusal (the term
    /// allowed longest, so its sentence says why nothing may change).
    static func checkSomethingAmendable(_ order: Order, _ actor: Actor) throws(Refusal) {
        guard let kind = actor.kind else { throw .systemOnly(.proposeChange) }
        for term in proposableTerms
        where ChangeRules.permission(term, state: order.state, party: kind, guaranteedDate: order.contract.guaranteedDate).isAllowed {
            return
        }
        try checkTable(.deliveryAddress, order, kind)
    }

    /// Proposal `number` (nil: the pending one) may be answered by `actor`: it is still
    /// requested and was proposed by the other party.
    static func checkAnswerable(_ order: Order, number: Int?, _ actor: Actor) throws(Refusal) -> Int {
        let index: Int
        if let number {
            guard let found = order.amendments.firstIndex(where: { $0.number == number }) else { throw .noSuchAmendment(number) }
            index = found
        } else {
            guard let last = order.amendments.indices.last, order.amendments[last].status == .requested else { throw .noAmendmentPending }
            index = last
        }
        let amendment = order.amendments[index]
        switch amendment.status {
        case .requested: break
        case .superseded:
            throw .amendmentSuperseded(amendment.number, by: order.amendments.dropFirst(index + 1).first?.number)
        case .accepted, .rejected: throw .amendmentAnswered(amendment.number, amendment.status)
        }
        guard actor.kind != amendment.proposedBy else { throw .ownAmendment }
        return index
    }

    /// `proposed` is a change `party` may propose on `order` now: it changes something, every
    /// changed term is allowed, the contract stays valid, and a route change after payment
    /// names a freight of at most 120% of the old.
    static func checkProposal(_ order: Order, _ proposed: Contract, routeFreight: Money?, by party: PartyKind,
                              today: CalendarDate) throws(Refusal) {
        let terms = ChangeRules.terms(changedFrom: order.contract, to: proposed)
        guard !terms.isEmpty else { throw .changeNothing }
        for term in terms { try checkTable(term, order, party) }
        // Dates come from the confirmed contract; only what the change could break is asked.
        let problems = proposed.problems(today: today).filter {
            switch $0 {
            case .shipDateInPast, .deliveryInPast: return false
            default: return true
            }
        }
        guard problems.isEmpty else { throw .changeContract(problems) }
        let paid = ChangeRules.paid.contains(order.state)
        // 120% rounded down, without the overflow a multiplication could meet: f + ⌊f / 5⌋.
        let freight = order.contract.freight.minorUnits
        let maximum = Money(minorUnits: freight + freight / 5, currency: order.currency)
        guard paid && terms.contains(.route) else {
            guard routeFreight == nil else { throw .routeFreightNotApplicable }
            return
        }
        guard let quote = routeFreight else { throw .routeFreightMissing(maximum: maximum) }
        guard quote.currency == order.currency, !quote.isNegative, quote.minorUnits <= maximum.minorUnits else {
            throw .routeFreightCap(maximum: maximum)
        }
    }
}
