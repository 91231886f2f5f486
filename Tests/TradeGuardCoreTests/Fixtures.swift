@testable import TradeGuardCore

/// A small world for workflow tests: one supplier, one buyer, two strangers, the platform.
enum Fixture {
    static let t0 = Instant.parse("2026-11-27T09:00:00Z")!
    static let supplierHandle = try! Handle("acme")
    static let buyerHandle = try! Handle("hanse")
    static let supplier = Actor.party(supplierHandle, .supplier)
    static let buyer = Actor.party(buyerHandle, .buyer)
    static let strangerSupplier = Actor.party(try! Handle("other-supplier"), .supplier)
    static let strangerBuyer = Actor.party(try! Handle("other-buyer"), .buyer)
    static let platform = Actor.platform
    static let system = Actor.system
    static let everyone = [supplier, buyer, strangerSupplier, strangerBuyer, platform, system]

    static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .usd) }

    /// 100 × US$12.50 + 10.5 × US$3.33 (= 34.965 → 34.97) + freight 50 + insurance 10 = US$1,344.97.
    static func contract(balanceDue: BalanceDue = .beforeShipment, advance: Int64 = 40_000) -> Contract {
        Contract(kind: .custom, currency: .usd,
                 lines: [LineItem(description: "Steel hinges", quantity: Quantity(whole: 100), unit: "pcs",
                                  unitPrice: usd(1_250), quality: "ISO 9001; salt spray 96 h", inspectionRequired: true),
                         LineItem(description: "Gaskets", quantity: Quantity(thousandths: 10_500), unit: "kg", unitPrice: usd(333))],
                 incoterm: .CIF, namedPlace: "Hamburg", shippingMethod: .sea, shipDate: .daysAfterAdvance(20),
                 destination: "Hanse Handel GmbH, Am Sandtorkai 1, Hamburg, DE", freight: usd(5_000), insurance: usd(1_000),
                 advance: usd(advance), balanceDue: balanceDue)
    }

    static func context(_ now: Instant = t0, available: Int64 = 100_000_000) -> DecisionContext {
        var rng = SeededGenerator(seed: UInt64(now.secondsSinceEpoch))
        return DecisionContext(now: now, available: usd(available), newPaymentLink: PaymentLinkToken(using: &rng))
    }

    static func key(_ text: String) -> IdempotencyKey { try! IdempotencyKey(text) }

    static func newDraft(initiator: PartyKind, contract: Contract = contract()) -> Order {
        let actor = initiator == .supplier ? supplier : buyer
        return try! Workflow.draft(code: OrderCode(number: 42), supplier: supplierHandle, buyer: buyerHandle,
                                   by: actor, contract: contract, context: context()).0
    }

    static func apply(_ order: Order, _ command: OrderCommand, by actor: Actor, at now: Instant = t0) -> Order {
        do { return try Workflow.decide(order, command, by: actor, context: context(now)).after }
        catch { fatalError("fixture step \(command.action) by \(actor) refused: \(error)") }
    }

    /// An order brought to `state` along the normal path (the dispute from production, the
    /// refund from that dispute, the cancellation from a draft).
    static func order(in state: OrderState, initiator: PartyKind = .supplier, balanceDue: BalanceDue = .beforeShipment) -> Order {
        let drafter = initiator == .supplier ? supplier : buyer
        let confirmer = initiator == .supplier ? buyer : supplier
        var o = newDraft(initiator: initiator, contract: contract(balanceDue: balanceDue))
        if state == .draft { return o }
        if state == .cancelled { return apply(o, .cancel(reason: "changed plans"), by: drafter) }
        o = apply(o, .submit, by: drafter)
        if state == .awaitingConfirmation { return o }
        o = apply(o, .confirm, by: confirmer)
        if state == .awaitingPayment { return o }
        o = apply(o, .pay(amount: o.advanceAmount, method: .tt, key: key("adv")), by: buyer)
        if state == .advancePaid { return o }
        o = apply(o, .startProduction, by: supplier)
        if state == .inProduction { return o }
        if state == .disputed || state == .refunded {
            o = apply(o, .dispute(reason: "quality", amount: nil), by: buyer)
            return state == .disputed ? o : apply(o, .resolve(refund: o.paidTotal), by: platform)
        }
        o = apply(workChecklist(o), .ready, by: supplier)
        if state == .readyToShip { return o }
        o = apply(o, .ship(carrier: "Maersk", tracking: "MAEU1234567"), by: supplier)
        if state == .shipped { return o }
        o = apply(o, .confirmReceipt, by: buyer)
        if state == .completed { return o }
        return apply(o, .close, by: system, at: t0.adding(days: 31))
    }

    /// The actions that act on a negotiated dispute.
    static let negotiationActions: Set<OrderAction> = [.counter, .askEvidence, .addEvidence, .agree, .editClaim, .withdraw, .escalate, .decide, .disputeTimeout]

    /// A shipped order the buyer claims is not as agreed, asking for a full refund (at t0).
    static func claimed(initiator: PartyKind = .supplier, balanceDue: BalanceDue = .beforeShipment,
                        kind: DisputeKind = .notAsAgreed, remedy: RemedyKind = .fullRefund, amount: Money? = nil) -> Order {
        apply(order(in: .shipped, initiator: initiator, balanceDue: balanceDue),
              .openDispute(kind: kind, remedy: remedy, amount: amount, reason: "hinges rust"), by: buyer)
    }

    /// Logs the buyer contact, ticks every item and pays a balance due before shipment.
    static func workChecklist(_ order: Order) -> Order {
        var o = apply(order, .logContact(note: "called Mr Weber"), by: supplier)
        for item in ChecklistItem.allCases { o = apply(o, .tick(item, note: "ok"), by: supplier) }
        if o.contract.balanceDue == .beforeShipment {
            o = apply(o, .pay(amount: o.balanceAmount, method: .card, key: key("bal")), by: buyer)
        }
        return o
    }

    /// The same contract delivered to another dock in the same country (DE).
    static func moved(_ contract: Contract) -> Contract {
        var c = contract
        c.destination = "Hanse Handel GmbH, Dock 7, Bremerhaven, DE"
        return c
    }

    /// The same contract with line 1 a dollar cheaper per piece.
    static func cheaper(_ contract: Contract) -> Contract {
        var c = contract
        c.lines[0].unitPrice = usd(c.lines[0].unitPrice.minorUnits - 100)
        return c
    }
}
