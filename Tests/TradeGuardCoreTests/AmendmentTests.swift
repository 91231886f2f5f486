import Testing
@testable import TradeGuardCore

/// Changes after confirmation (issue 21): the permission table, amendments and the extension
/// ledger, each refusal one sentence in the service's words and changing nothing.
struct AmendmentTests {
    typealias F = Fixture

    func refused(_ order: Order, _ command: OrderCommand, by actor: Actor) -> Refusal? {
        do {
            _ = try Workflow.decide(order, command, by: actor, context: F.context())
            Issue.record("\(command.action) was allowed")
            return nil
        } catch { return error }
    }

    func propose(_ contract: Contract, quote: Money? = nil) -> OrderCommand {
        .proposeChange(contract, routeFreight: quote, reason: "as discussed")
    }

    // MARK: The permission table

    @Test func theTableAnswersEveryStateTermAndParty() {
        var allowed: [String] = []
        for state in OrderState.allCases {
            for term in AmendableTerm.allCases {
                for party in [PartyKind.supplier, .buyer, .platform] {
                    switch ChangeRules.permission(term, state: state, party: party, guaranteedDate: false) {
                    case .may: allowed.append("\(state.rawValue) \(term.rawValue) \(party.rawValue)")
                    case let .mayNot(reason): #expect(reason.hasSuffix(".") && !reason.isEmpty)
                    }
                }
            }
        }
        // Exactly the real service's rules, and nothing more.
        let paid = ["advancePaid", "inProduction", "readyToShip"].flatMap { state in
            ["\(state) delivery-address supplier", "\(state) delivery-address buyer", "\(state) route supplier", "\(state) route buyer",
             "\(state) dispatch-time supplier"]
        }
        let expected = ["awaitingPayment price supplier", "awaitingPayment shipping-fee supplier",
                        "awaitingPayment delivery-address supplier", "awaitingPayment delivery-address buyer",
                        "awaitingPayment route supplier", "awaitingPayment route buyer"]
            + paid + ["shipped receipt-window supplier", "shipped receipt-window buyer"]
        #expect(Set(allowed) == Set(expected))
        #expect(allowed.count == expected.count)
    }

    @Test func theReasonsAreTheServicesWords() {
        func reason(_ term: AmendableTerm, _ state: OrderState, _ party: PartyKind = .buyer, guaranteed: Bool = false) -> String {
            if case let .mayNot(why) = ChangeRules.permission(term, state: state, party: party, guaranteedDate: guaranteed) { return why }
            return "may"
        }
        #expect(reason(.price, .inProduction, .supplier) == "Once paid, the order amount cannot change; only the delivery address and the route may.")
        #expect(reason(.destinationCountry, .awaitingPayment, .supplier) == "The destination country never changes; cancel and order again to ship to another country.")
        #expect(reason(.route, .advancePaid, guaranteed: true) == ChangeRules.guaranteedReason)
        #expect(reason(.dispatchTime, .inProduction, .supplier, guaranteed: true) == ChangeRules.guaranteedReason)
        #expect(reason(.deliveryAddress, .shipped) == "Nothing changes once the goods have shipped, except the receipt window.")
        #expect(reason(.price, .awaitingPayment) == "Before payment only the supplier may change the price; ask the supplier for it.")
        #expect(reason(.receiptWindow, .shipped, guaranteed: true) == "may")
    }

    @Test func termsAreClassifiedAsTheRulesNameThem() {
        let c = F.contract()
        #expect(ChangeRules.terms(changedFrom: c, to: c).isEmpty)
        #expect(ChangeRules.terms(changedFrom: c, to: F.cheaper(c)) == [.price])
        #expect(ChangeRules.terms(changedFrom: c, to: F.moved(c)) == [.deliveryAddress])
        var abroad = c
        abroad.destination = "Hanse Handel, 1 Rue de Rivoli, Paris, FR"
        #expect(ChangeRules.terms(changedFrom: c, to: abroad) == [.destinationCountry])
        var unnamed = c
        unnamed.destination = "Somewhere in Hamburg"
        #expect(ChangeRules.terms(changedFrom: c, to: unnamed) == [.destinationCountry])
        var quantity = c
        quantity.lines[0].quantity = Quantity(whole: 90)
        #expect(ChangeRules.terms(changedFrom: c, to: quantity) == [.otherTerms])
        var route = c
        route.shippingMethod = .air
        route.freight = F.usd(6_000)
        #expect(ChangeRules.terms(changedFrom: c, to: route) == [.shippingFee, .route])
    }

    // MARK: Before payment

    @Test func beforePaymentTheSupplierChangesThePriceAndTheBuyerAccepts() throws {
        let unpaid = F.order(in: .awaitingPayment)
        #expect(refused(unpaid, propose(F.cheaper(unpaid.contract)), by: F.buyer)
                == .changeNotAllowed(.price, reason: "Before payment only the supplier may change the price; ask the supplier for it."))
        let proposed = F.apply(unpaid, propose(F.cheaper(unpaid.contract)), by: F.supplier)
        #expect(proposed.contract == unpaid.contract && proposed.pendingAmendment?.number == 1)
        #expect(proposed.differences(of: try #require(proposed.pendingAmendment)).first == "Line 1 unit price: US$12.50 → US$11.50")
        #expect(refused(proposed, .acceptChange(number: 1), by: F.supplier) == .ownAmendment)
        let decision = try Workflow.decide(proposed, .acceptChange(number: 1), by: F.buyer, context: F.context())
        let accepted = decision.after
        #expect(accepted.contract == F.cheaper(unpaid.contract))
        #expect(accepted.total == F.usd(134_497 - 10_000))
        #expect(accepted.contractVersion == 2 && accepted.amendments[0].status == .accepted)
        #expect(decision.event.value("contract") == ContractEncoding.encode(accepted.contract))
        #expect(refused(accepted, .acceptChange(number: 1), by: F.buyer) == .amendmentAnswered(1, .accepted))
        #expect(Refusal.amendmentAnswered(1, .accepted).description == "Change proposal 1 was already accepted.")
    }

    @Test func aNewProposalSupersedesTheWaitingOne() {
        let unpaid = F.order(in: .awaitingPayment)
        let first = F.apply(unpaid, propose(F.cheaper(unpaid.contract)), by: F.supplier)
        let second = F.apply(first, propose(F.moved(first.contract)), by: F.buyer)
        #expect(second.amendments.map(\.status) == [.superseded, .requested])
        #expect(refused(second, .acceptChange(number: 1), by: F.buyer) == .amendmentSuperseded(1, by: 2))
        #expect(Refusal.amendmentSuperseded(1, by: 2).description == "Change proposal 1 was superseded by proposal 2; answer that one instead.")
        #expect(refused(second, .acceptChange(number: 9), by: F.supplier) == .noSuchAmendment(9))
        let rejected = F.apply(second, .rejectChange(number: 2, reason: "Hamburg it is"), by: F.supplier)
        #expect(rejected.amendments[1].status == .rejected && rejected.amendments[1].answerReason == "Hamburg it is")
        #expect(rejected.contract == unpaid.contract && rejected.pendingAmendment == nil)
        #expect(refused(rejected, .rejectChange(number: 2, reason: "again"), by: F.supplier) == .amendmentAnswered(2, .rejected))
    }

    @Test func aProposalThatChangesNothingOrBreaksTheContractIsRefused() {
        let unpaid = F.order(in: .awaitingPayment)
        #expect(refused(unpaid, propose(unpaid.contract), by: F.supplier) == .changeNothing)
        var tooCheap = unpaid.contract
        tooCheap.lines[0].unitPrice = F.usd(1)
        tooCheap.lines[1].unitPrice = F.usd(1)
        if case .changeContract? = refused(unpaid, propose(tooCheap), by: F.supplier) {} else { Issue.record("advance above total not refused") }
    }

    // MARK: After payment

    @Test func oncePaidOnlyTheAddressAndTheRouteChange() throws {
        let paid = F.order(in: .inProduction)
        #expect(refused(paid, propose(F.cheaper(paid.contract)), by: F.supplier)
                == .changeNotAllowed(.price, reason: "Once paid, the order amount cannot change; only the delivery address and the route may."))
        var fee = paid.contract
        fee.freight = F.usd(6_000)
        if case .changeNotAllowed(.shippingFee, _)? = refused(paid, propose(fee), by: F.supplier) {} else { Issue.record("fee after payment") }
        var abroad = paid.contract
        abroad.destination = "1 Rue de Rivoli, Paris, FR"
        if case .changeNotAllowed(.destinationCountry, _)? = refused(paid, propose(abroad), by: F.buyer) {} else { Issue.record("country") }

        let moved = F.apply(F.apply(paid, propose(F.moved(paid.contract)), by: F.buyer), .acceptChange(number: 1), by: F.supplier)
        #expect(moved.contract.destination == "Hanse Handel GmbH, Dock 7, Bremerhaven, DE" && moved.state == .inProduction)
    }

    @Test func aNewRoutesFreightIsAtMost120PercentWithNoTopUp() throws {
        let paid = F.order(in: .advancePaid)   // freight US$50.00: at most US$60.00
        var air = paid.contract
        air.namedPlace = "Bremerhaven"
        #expect(refused(paid, propose(air), by: F.supplier) == .routeFreightMissing(maximum: F.usd(6_000)))
        #expect(refused(paid, propose(air, quote: F.usd(6_001)), by: F.supplier) == .routeFreightCap(maximum: F.usd(6_000)))
        #expect(Refusal.routeFreightCap(maximum: F.usd(6_000)).description
                == "The new route's freight may be at most 120% of the old, US$60.00; no top-up follows a route change.")
        let proposed = F.apply(paid, propose(air, quote: F.usd(6_000)), by: F.supplier)
        let accepted = F.apply(proposed, .acceptChange(number: 1), by: F.buyer)
        #expect(accepted.contract.namedPlace == "Bremerhaven")
        // No refund or top-up: the amount and what is due stay as they were.
        #expect(accepted.total == paid.total && accepted.outstanding(.balance) == paid.outstanding(.balance))
        let unpaid = F.order(in: .awaitingPayment)
        var unpaidAir = unpaid.contract
        unpaidAir.namedPlace = "Bremerhaven"
        #expect(refused(unpaid, propose(unpaidAir, quote: F.usd(5_000)), by: F.supplier) == .routeFreightNotApplicable)
    }

    @Test func aGuaranteedDateFreezesRouteAndDispatchTime() {
        var contract = F.contract()
        contract.guaranteedDate = true
        var o = F.newDraft(initiator: .supplier, contract: contract)
        o = F.apply(F.apply(o, .submit, by: F.supplier), .confirm, by: F.buyer)
        o = F.apply(o, .pay(amount: o.advanceAmount, method: .tt, key: F.key("adv")), by: F.buyer)
        var air = o.contract
        air.namedPlace = "Bremerhaven"
        #expect(refused(o, propose(air, quote: F.usd(5_000)), by: F.buyer) == .changeNotAllowed(.route, reason: ChangeRules.guaranteedReason))
        #expect(refused(o, .requestExtension(days: 5, reason: "late parts"), by: F.supplier)
                == .changeNotAllowed(.dispatchTime, reason: ChangeRules.guaranteedReason))
        #expect(Workflow.precheck(.requestExtension, on: o, by: F.supplier, context: F.context()) != nil)
        // The address still may.
        #expect(F.apply(o, propose(F.moved(o.contract)), by: F.buyer).pendingAmendment != nil)
    }

    @Test func nothingChangesOnceShippedAndAWaitingProposalIsSuperseded() throws {
        let ready = F.order(in: .readyToShip)
        let proposed = F.apply(ready, propose(F.moved(ready.contract)), by: F.buyer)
        let shipped = F.apply(proposed, .ship(carrier: "Maersk", tracking: "MAEU1"), by: F.supplier)
        #expect(shipped.amendments.map(\.status) == [.superseded])
        let refusal = try #require(refused(shipped, propose(F.moved(F.moved(shipped.contract))), by: F.buyer))
        #expect(refusal.description == "Nothing changes once the goods have shipped, except the receipt window.")
        #expect(F.apply(shipped, .extendReceipt, by: F.buyer).receiptExtendedBy == [.buyer])
    }

    // MARK: The extension ledger

    @Test func theLedgerKeepsEveryExtensionAndWarnsFromTheSecond() throws {
        var o = F.order(in: .inProduction)
        o = F.apply(o, .requestExtension(days: 20, reason: "chip shortage"), by: F.supplier)
        o = F.apply(o, .acceptExtension, by: F.buyer)
        #expect(ExtensionLedger(o).warning == nil)
        o = F.apply(o, .requestExtension(days: 30, reason: "port strike"), by: F.supplier)
        o = F.apply(o, .declineExtension, by: F.buyer)
        o = F.apply(o, .requestExtension(days: 14, reason: "holiday"), by: F.supplier)
        o = F.apply(o, .acceptExtension, by: F.buyer)
        o = F.apply(o, .requestExtension(days: 7, reason: "again"), by: F.supplier)
        let ledger = ExtensionLedger(o)
        #expect(ledger.entries.map(\.reason) == ["chip shortage", "port strike", "holiday", "again"])
        #expect(ledger.entries.map(\.status) == [.granted, .declined, .granted, .pending])
        #expect(ledger.entries.map(\.runningTotal) == [20, 20, 34, 34])
        #expect(ledger.entries.map(\.agreedBy) == [.buyer, nil, .buyer, nil])
        #expect(ledger.entries.allSatisfy { $0.askedBy == .supplier && $0.cap == 90 })
        #expect(ledger.warning == "extended 2 times, 34 of 90 days used")
        #expect(refused(o, .requestExtension(days: 1, reason: "x"), by: F.supplier) == .extensionPending)
    }

    @Test func receiptExtensionsAreOncePerPartyAtMostThirtyDays() {
        var o = F.order(in: .shipped)
        o = F.apply(F.apply(o, .extendReceipt, by: F.supplier), .extendReceipt, by: F.buyer)
        let ledger = ExtensionLedger(o)
        #expect(ledger.entries.map(\.runningTotal) == [15, 30] && ledger.receiptDays == ExtensionLedger.receiptCap)
        #expect(refused(o, .extendReceipt, by: F.buyer) == .receiptAlreadyExtended)
    }

    // MARK: The flag in the canonical encoding

    @Test func theGuaranteedFlagKeepsOldEncodingsAsTheyWere() throws {
        let plain = F.contract()
        let encoded = ContractEncoding.encode(plain)
        #expect(encoded.hasPrefix("2:c1"))
        #expect(ContractEncoding.decode(encoded) == plain)
        var guaranteed = plain
        guaranteed.guaranteedDate = true
        let flagged = ContractEncoding.encode(guaranteed)
        #expect(flagged.hasPrefix("2:c2") && flagged.hasSuffix("1:1"))
        #expect(ContractEncoding.decode(flagged) == guaranteed)
        // A c2 without its flag, or with a flag of 0, is not an encoding we write.
        #expect(ContractEncoding.decode("2:c2" + encoded.dropFirst(4)) == nil)
        #expect(ContractEncoding.decode(String(flagged.dropLast(3)) + "1:0") == nil)
    }
}

/// Found by the random walk: the platform or the system asking to change a contract read
/// "Only the eitherParty can propose a change here."
struct EitherPartyRefusalTests {
    @Test func theRefusalNamesBothParties() throws {
        let unpaid = Fixture.order(in: .awaitingPayment)
        let refusal = Workflow.precheck(.proposeChange, state: unpaid.state, code: unpaid.code, supplier: unpaid.supplier,
                                        buyer: unpaid.buyer, initiator: unpaid.initiator, by: .platform)
        #expect(refusal?.description == "Only the buyer or the supplier can propose a change here.")
    }
}
