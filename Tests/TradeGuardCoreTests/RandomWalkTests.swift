import Testing
@testable import TradeGuardCore

/// Model-based random walks: a supplier, a buyer and a few orders driven by random commands —
/// valid, invalid, replayed, from the wrong party, at random times. After every step the
/// invariants of DESIGN §3 must hold. On failure the seed is printed so the walk replays.
struct RandomWalkTests {
    static let walks = 1_000
    static let stepsPerWalk = 150

    /// The world the walk acts on: orders plus the supplier's append-only ledger.
    struct World {
        var orders: [Order]
        var ledger: [LedgerEntry] = []
        var granted: Money
        var now: Instant
        var acceptedDecisions = 0
        let memberSince = try! CalendarDate.parse("2021-05-01")

        var reserved: Money {
            let net = ledger.reduce(Int64(0)) { $0 + ($1.kind == .reserve ? $1.amount.minorUnits : -$1.amount.minorUnits) }
            return Money(minorUnits: net, currency: .usd)
        }
        var position: LimitPosition { LimitPosition(granted: granted, reserved: reserved) }

        /// Recompute as the store will: closed orders feed the formula.
        mutating func recomputeLimit() {
            let closed = orders.filter { $0.state == .closed }
            let value = closed.reduce(Int64(0)) { $0 + ($1.coverage?.totalUSD.minorUnits ?? 0) }
            granted = LimitFormula.compute(.init(activated: true, verification: .licence, memberSince: memberSince,
                                                 asOf: now.utcDate, closedValueUSD: Money(minorUnits: value, currency: .usd),
                                                 closedCount: closed.count, violationPoints: 0)).granted
        }
    }

    @Test func invariantsHoldOnEveryStepOfEveryWalk() {
        var reached: Set<OrderState> = []
        var repriced = 0
        for walk in 0..<Self.walks {
            let seed = UInt64(walk) &* 0x9E37_79B9 &+ 17
            if let problem = runWalk(seed: seed, reached: &reached, repriced: &repriced) {
                Issue.record("walk seed \(seed): \(problem)")
                break
            }
        }
        // The walks must reach every state, or the invariants were never tested there.
        #expect(reached == Set(OrderState.allCases), "never reached: \(Set(OrderState.allCases).subtracting(reached))")
        #expect(repriced > 0, "no walk accepted a change of the total")
    }

    /// Returns the first broken invariant, or nil.
    func runWalk(seed: UInt64, reached: inout Set<OrderState>, repriced: inout Int) -> String? {
        var rng = SeededGenerator(seed: seed)
        let eurRate = try! ExchangeRate(currency: .eur, microUnitsPerUSD: 920_000, effective: Fixture.t0.utcDate)
        var world = World(orders: [], granted: .zero(.usd), now: Fixture.t0)
        world.recomputeLimit()
        for n in 1...2 {
            var contract = Fixture.contract(balanceDue: Bool.random(using: &rng) ? .beforeShipment : .afterShipment,
                                            advance: Int64.random(in: 1...134_497, using: &rng))
            if n == 2 { contract = euro(contract) }
            contract.lines[0].quantity = Quantity(whole: Int64.random(in: 1...2_000, using: &rng))
            if contract.advance.minorUnits > ((try? contract.total().minorUnits) ?? 0) {
                contract.advance = Money(minorUnits: 1, currency: contract.currency)
            }
            let drafter = Bool.random(using: &rng) ? Fixture.supplier : Fixture.buyer
            let (order, _) = try! Workflow.draft(code: OrderCode(number: Int64(n)), supplier: Fixture.supplierHandle,
                                                 buyer: Fixture.buyerHandle, by: drafter, contract: contract,
                                                 context: Fixture.context())
            world.orders.append(order)
        }
        var usedKeys: [(IdempotencyKey, Money)] = []

        for step in 0..<Self.stepsPerWalk {
            if Int.random(in: 0..<5, using: &rng) == 0 { world.now = world.now.adding(seconds: Int64.random(in: 0...(12 * 86_400), using: &rng)) }
            let index = Int.random(in: 0..<world.orders.count, using: &rng)
            let order = world.orders[index]
            let (actor, command) = Int.random(in: 0..<3, using: &rng) == 0 ? repricing(order, &rng) ?? progress(order, &rng)
                : Bool.random(using: &rng) ? progress(order, &rng)
                : { let a = randomActor(for: order, &rng); return (a, randomCommand(order, actor: a, keys: &usedKeys, &rng)) }()
            var context = DecisionContext(now: world.now, available: world.position.available,
                                          rate: order.currency == .eur ? eurRate : nil,
                                          newPaymentLink: PaymentLinkToken(using: &rng))
            if Int.random(in: 0..<50, using: &rng) == 0 { context.supplierSuspended = true }

            let decision: Decision
            do { decision = try Workflow.decide(order, command, by: actor, context: context) } catch {
                continue   // A refusal changes nothing: the world stays as it was.
            }
            if decision.isReplay {
                if decision.after != order || decision.payment != nil { return "step \(step): a replay changed the order" }
                continue
            }
            if decision.after.version != order.version + 1 { return "step \(step): version did not move by one" }
            if decision.event.fromState != order.state || decision.event.toState != decision.after.state {
                return "step \(step): event states do not match the transition"
            }
            if order.state.isTerminal { return "step \(step): a terminal order changed" }
            if let payment = decision.payment { usedKeys.append((payment.key, payment.amount)) }
            world.orders[index] = decision.after
            world.ledger += decision.ledger
            world.acceptedDecisions += 1
            if command.action == .acceptChange && decision.after.total != order.total { repriced += 1 }
            if decision.recomputeLimit { world.recomputeLimit() }
            reached.insert(decision.after.state)
            if let broken = invariantViolation(world) { return "step \(step) (\(command.action) by \(actor)): \(broken)" }
        }
        return nil
    }

    /// DESIGN §3 invariants, checked from the outside.
    func invariantViolation(_ world: World) -> String? {
        let position = world.position
        let cap = LimitFormula.capUSD.minorUnits
        guard 0 <= position.available.minorUnits, position.available.minorUnits <= position.granted.minorUnits,
              position.granted.minorUnits <= cap else { return "limit bounds broken: \(position)" }
        // Σ reserves − Σ releases = covered amount of orders holding a reservation.
        let held = world.orders.filter { $0.state.holdsReservation }.reduce(Int64(0)) { $0 + ($1.coverage?.covered.minorUnits ?? 0) }
        guard held == position.reserved.minorUnits else { return "ledger \(position.reserved) ≠ held \(held)" }
        // Reservations never exceed the limit they were taken from... unless the limit shrank later; ours only grows.
        guard position.reserved.minorUnits <= position.granted.minorUnits else { return "over-reserved" }
        for order in world.orders {
            let rows = world.ledger.filter { $0.order == order.code }
            // A price change before payment moves the reservation by the difference, so each
            // order's rows net to what it covers while it holds a reservation, and to nothing after.
            let net = rows.reduce(Int64(0)) { $0 + ($1.kind == .release ? -$1.amount.minorUnits : $1.amount.minorUnits) }
            let holding = order.state.holdsReservation ? order.coverage?.covered.minorUnits ?? 0 : 0
            guard net == holding else { return "\(order.code): ledger nets \(net), but the order holds \(holding)" }
            guard rows.filter({ $0.kind == .reserve }).count <= order.contractVersion else { return "\(order.code): a reserve without a change" }
            if let coverage = order.coverage {
                // The coverage is of the order as it stands, at the rate fixed at confirmation.
                if order.state == .awaitingPayment {
                    guard coverage.totalUSD == (try? coverage.rate.toUSD(order.total)) else { return "\(order.code): coverage of an older total" }
                }
                guard coverage.covered.minorUnits + coverage.uncovered.minorUnits == coverage.totalUSD.minorUnits,
                      coverage.covered.minorUnits >= 0, coverage.uncovered.minorUnits >= 0 else { return "\(order.code): coverage split" }
            }
            guard order.paid(.advance).minorUnits <= order.advanceAmount.minorUnits,
                  order.paid(.balance).minorUnits <= order.balanceAmount.minorUnits else { return "\(order.code): paid more than a term" }
            guard Set(order.payments.map(\.key)).count == order.payments.count else { return "\(order.code): a key counted twice" }
            if [.shipped, .completed, .closed].contains(order.state) {
                guard order.outstanding(.advance).isZero, order.shipment != nil else { return "\(order.code): shipped without advance" }
            }
            if order.state == .completed || order.state == .closed {
                guard order.dispute == nil else { return "\(order.code): completed while disputed" }
            }
            if order.state == .disputed, order.dispute == nil { return "\(order.code): disputed without a dispute" }
            if order.state.holdsReservation, order.coverage == nil { return "\(order.code): confirmed without coverage" }
            guard order.extensionDays <= DeadlineRules.maxExtensionDays else { return "\(order.code): extension cap" }
        }
        return nil
    }

    func randomActor(for order: Order, _ rng: inout SeededGenerator) -> Actor {
        // Mostly the party whose move it is, sometimes anyone.
        if Int.random(in: 0..<4, using: &rng) == 0 { return Fixture.everyone.randomElement(using: &rng)! }
        // Before payment the supplier also proposes changes to the price.
        if order.state == .awaitingPayment, Int.random(in: 0..<3, using: &rng) == 0 { return Fixture.supplier }
        switch order.state.waitingOn {
        case .buyer?: return Fixture.buyer
        case .supplier?: return Fixture.supplier
        case .platform?: return Fixture.platform
        case .initiator?: return order.initiator == .supplier ? Fixture.supplier : Fixture.buyer
        case .counterparty?: return order.initiator == .supplier ? Fixture.buyer : Fixture.supplier
        default: return [Fixture.system, Fixture.buyer].randomElement(using: &rng)!
        }
    }

    func randomCommand(_ order: Order, actor: Actor, keys: inout [(IdempotencyKey, Money)],
                       _ rng: inout SeededGenerator) -> OrderCommand {
        func money(_ max: Int64) -> Money {
            Money(minorUnits: Int64.random(in: 0...Swift.max(1, max), using: &rng), currency: order.currency)
        }
        switch OrderAction.allCases.randomElement(using: &rng)! {
        case .edit:
            var c = order.contract
            c.advance = money(c.advance.minorUnits * 2)
            return .edit(c)
        case .submit: return .submit
        case .confirm: return .confirm
        case .requestChanges: return .requestChanges(reason: "fix")
        case .cancel: return .cancel(reason: Bool.random(using: &rng) ? "stop" : " ")
        case .pay:
            if !keys.isEmpty, Int.random(in: 0..<4, using: &rng) == 0 {
                let (key, amount) = keys.randomElement(using: &rng)!
                return .pay(amount: Bool.random(using: &rng) ? amount : money(amount.minorUnits * 2), method: .tt, key: key)
            }
            let due = order.payableNow?.due.minorUnits ?? 100
            let amount = Int.random(in: 0..<3, using: &rng) == 0 ? money(due * 2) : Money(minorUnits: Int64.random(in: 1...Swift.max(1, due), using: &rng), currency: order.currency)
            return .pay(amount: amount, method: PaymentMethod.allCases.randomElement(using: &rng)!,
                        key: IdempotencyKey.generate(using: &rng))
        case .startProduction: return .startProduction
        case .logContact: return .logContact(note: "called")
        case .tick: return .tick(ChecklistItem.allCases.randomElement(using: &rng)!, note: "ok")
        case .untick: return .untick(ChecklistItem.allCases.randomElement(using: &rng)!, note: "redo")
        case .ready: return .ready
        case .ship: return .ship(carrier: "COSCO", tracking: "C123")
        case .confirmReceipt: return .confirmReceipt
        case .requestExtension: return .requestExtension(days: Int.random(in: -5...100, using: &rng), reason: "delay")
        case .acceptExtension: return .acceptExtension
        case .declineExtension: return .declineExtension
        case .extendReceipt: return .extendReceipt
        case .dispute:
            if Bool.random(using: &rng) {
                return .openDispute(kind: DisputeKind.allCases.randomElement(using: &rng)!, remedy: RemedyKind.allCases.randomElement(using: &rng)!,
                                    amount: Bool.random(using: &rng) ? nil : money(order.paidTotal.minorUnits * 2), reason: "broken")
            }
            return .dispute(reason: "broken", amount: Bool.random(using: &rng) ? nil : money(order.paidTotal.minorUnits * 2))
        case .resolve: return .resolve(refund: money(order.paidTotal.minorUnits + 1))
        case .autoCancel: return .autoCancel
        case .autoComplete: return .autoComplete
        case .close: return .close
        case .proposeChange:
            var c = order.contract
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: c.destination = Bool.random(using: &rng) ? "Dock 9, Bremen, DE" : "Rue 1, Paris, FR"
            case 1 where !c.lines.isEmpty: c.lines[0].unitPrice = money(c.lines[0].unitPrice.minorUnits * 2)
            case 2: c.freight = money(c.freight.minorUnits * 2)
            default: c.shippingMethod = .air
            }
            return .proposeChange(c, routeFreight: Bool.random(using: &rng) ? money(c.freight.minorUnits * 2) : nil, reason: "change")
        case .acceptChange:
            // Mostly the proposal on the table, so that accepted changes (and re-fixed coverage) happen.
            let pending = order.pendingAmendment?.number
            return .acceptChange(number: pending.map { Bool.random(using: &rng) ? $0 : Int.random(in: 1...3, using: &rng) } ?? Int.random(in: 1...3, using: &rng))
        case .rejectChange: return .rejectChange(number: Int.random(in: 1...3, using: &rng), reason: Bool.random(using: &rng) ? "no" : " ")
        case .counter: return .counter(remedy: RemedyKind.allCases.randomElement(using: &rng)!, amount: money(order.paidTotal.minorUnits * 2), note: "offer")
        case .askEvidence: return .askEvidence(note: "photos")
        case .addEvidence: return .addEvidence(description: "photo", reference: "p.jpg")
        case .agree: return .agree
        case .editClaim: return .editClaim(remedy: RemedyKind.allCases.randomElement(using: &rng)!, amount: nil, note: "edit")
        case .withdraw: return .withdraw(reason: "done")
        case .escalate: return .escalate(note: "help")
        case .decide: return .decide(remedy: RemedyKind.allCases.randomElement(using: &rng)!, amount: money(order.paidTotal.minorUnits + 1), reasoning: "why")
        case .disputeTimeout: return .disputeTimeout
        case .recordRefund: return .recordRefund(reference: Bool.random(using: &rng) ? "TT-1" : " ")
        case .claimBalance: return .claimBalance(reason: Bool.random(using: &rng) ? "unpaid" : " ")
        }
    }

    /// The natural next step for the order's state, by the party whose move it is.
    func progress(_ order: Order, _ rng: inout SeededGenerator) -> (Actor, OrderCommand) {
        let drafter = order.initiator == .supplier ? Fixture.supplier : Fixture.buyer
        let other = order.initiator == .supplier ? Fixture.buyer : Fixture.supplier
        let payDue = { (o: Order, rng: inout SeededGenerator) -> OrderCommand in
            let due = o.payableNow?.due.minorUnits ?? 1
            let part = Bool.random(using: &rng) ? due : Int64.random(in: 1...Swift.max(1, due), using: &rng)
            return .pay(amount: Money(minorUnits: part, currency: o.currency), method: .tt, key: IdempotencyKey.generate(using: &rng))
        }
        switch order.state {
        case .draft: return (drafter, .submit)
        case .awaitingConfirmation: return (other, .confirm)
        case .awaitingPayment: return (Fixture.buyer, payDue(order, &rng))
        case .advancePaid: return (Fixture.supplier, .startProduction)
        case .inProduction:
            if !order.contactInTime { return (Fixture.supplier, .logContact(note: "called")) }
            if let item = order.missingChecklistItems.first { return (Fixture.supplier, .tick(item, note: "ok")) }
            if !order.balanceSettledForShipping { return (Fixture.buyer, payDue(order, &rng)) }
            return (Fixture.supplier, .ready)
        case .readyToShip: return (Fixture.supplier, .ship(carrier: "COSCO", tracking: "C1"))
        case .shipped: return Bool.random(using: &rng) ? (Fixture.buyer, .confirmReceipt) : (Fixture.system, .autoComplete)
        case .completed:
            if order.balanceOwedAfterReceipt, Int.random(in: 0..<3, using: &rng) == 0 {
                return Bool.random(using: &rng) ? (Fixture.buyer, payDue(order, &rng)) : (Fixture.supplier, .claimBalance(reason: "unpaid"))
            }
            return Int.random(in: 0..<5, using: &rng) > 0 ? (Fixture.system, .close) : (Fixture.buyer, .dispute(reason: "defect", amount: nil))
        case .disputed:
            if let n = order.dispute?.negotiation, n.kind == .balanceUnpaid {
                // The buyer agrees or contests; the platform decides a contested claim.
                if n.stage == .escalated { return (Fixture.platform, .decide(remedy: Bool.random(using: &rng) ? .payBalance : .noRemedy, amount: nil, reasoning: "r")) }
                return Bool.random(using: &rng) ? (Fixture.buyer, .agree) : (Fixture.buyer, .escalate(note: "short delivery"))
            }
            return (Fixture.platform, .resolve(refund: Money(minorUnits: Int64.random(in: 0...order.paidTotal.minorUnits, using: &rng), currency: order.currency)))
        case .closed, .cancelled, .refunded: return (Fixture.system, .close)
        }
    }

    /// Before payment: the supplier proposes a new price for the first line (up to twice or down
    /// to half the old), or the buyer accepts the price on the table — the path that re-fixes coverage.
    func repricing(_ order: Order, _ rng: inout SeededGenerator) -> (Actor, OrderCommand)? {
        guard order.state == .awaitingPayment else { return nil }
        if let pending = order.pendingAmendment, pending.proposedBy == .supplier { return (Fixture.buyer, .acceptChange(number: pending.number)) }
        var c = order.contract
        let price = c.lines[0].unitPrice.minorUnits
        c.lines[0].unitPrice = Money(minorUnits: max(1, Int64.random(in: (price / 2)...(price * 2), using: &rng)), currency: c.currency)
        return (Fixture.supplier, .proposeChange(c, routeFreight: nil, reason: "new price"))
    }

    func euro(_ contract: Contract) -> Contract {
        var c = contract
        func eur(_ m: Money) -> Money { Money(minorUnits: m.minorUnits, currency: .eur) }
        c.currency = .eur
        c.lines = c.lines.map { var l = $0; l.unitPrice = eur(l.unitPrice); return l }
        c.freight = eur(c.freight); c.insurance = eur(c.insurance); c.advance = eur(c.advance)
        return c
    }

}
