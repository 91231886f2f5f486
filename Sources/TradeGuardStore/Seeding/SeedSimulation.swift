import TradeGuardCore

/// One order's life, decided in memory: the final order, its audit events in order, and its
/// ledger rows (each tied to the event that caused it).
struct SeededLife {
    let order: Order
    let events: [AuditEvent]
    let ledger: [(entry: LedgerEntry, event: Int)]
    /// Its `disputes` rows, ended ones included, with their threads.
    var disputes: [SeedDisputes.Row] = []
    /// Each buyer's violation points after a balance claim of this order gave it some.
    var points: [(party: Handle, total: Int)] = []
}

/// Lives orders through the real workflow decisions on a simulated calendar: created through
/// the past year, each taking the usual path at a realistic pace until it reaches "now", with
/// timeouts applied when they fall due — so old orders are closed and new ones are in flight.
struct SeedSimulation {
    let cast: SeedCast
    let now: Instant
    let count: Int
    /// Reservations still held by orders already seeded, per supplier.
    var held: [Handle: Int64] = [:]
    let balance: SeedBalance.Shares
    /// The buyers' party rows as events carry them, their points as seeded so far.
    var buyerRows: [Handle: [Value]]

    static let spanDays = 365

    init(cast: SeedCast, now: Instant, count: Int, balance: SeedBalance.Shares = .standard) {
        self.cast = cast
        self.now = now
        self.count = count
        self.balance = balance
        buyerRows = cast.buyerRows
    }

    mutating func live(number: Int64, index: Int, random: inout SplitMix64) throws -> SeededLife {
        func roll(_ n: UInt64) -> Int { Int(random.next(upperBound: n)) }
        // A quarter of all orders belong to one big supplier and a tenth to one big buyer: the
        // desks whose queues the benchmarks measure.
        let supplier = roll(4) == 0 ? cast.suppliers[0] : cast.suppliers[1 + roll(UInt64(cast.suppliers.count - 1))]
        let buyerIndex = roll(10) == 0 ? 0 : 1 + roll(UInt64(cast.buyers.count - 1))
        let buyer = cast.buyers[buyerIndex]
        let drafter: PartyKind = roll(3) == 0 ? .buyer : .supplier
        let span = Int64(Self.spanDays) * 86_400
        let created = now.adding(seconds: -span + span * Int64(index) / Int64(max(1, count)) + Int64(roll(3_600)))
        let currency: Currency = [.usd, .usd, .usd, .usd, .usd, .usd, .eur, .eur, .cny, .jpy][roll(10)]
        var contract = Self.contract(currency: currency, roll: roll)
        let fate = roll(100)
        // An older-form dispute after shipment, which the platform resolves (fates 8 and 9).
        let olderDispute = fate >= 8 && fate < 10
        // Changes after confirmation, negotiated disputes and the balance's terms draw from a
        // generator of their own, so every other draw stays as it was: an order without them
        // lives exactly as before.
        var side = SplitMix64(seed: UInt64(bitPattern: number) &* 0xD1B5_4A32_D192_ED03)
        let change = SeedTrouble.change(&side)
        let claim = olderDispute ? nil : SeedTrouble.claim(&side)
        // Drawn for every order (the draws stay aligned), used where no other claim is made.
        let drawn = SeedBalance.terms(&side, slowPayer: SeedBalance.slowPayer(buyerIndex, shares: balance), shares: balance)
        let terms = claim == nil && !olderDispute ? drawn : nil
        if terms != nil { contract.balanceDue = .afterShipment }

        var life = Life(order: Order(code: OrderCode(number: number), supplier: supplier, buyer: buyer, initiator: drafter,
                                     contract: contract, createdAt: created))
        let drafterActor = Actor.party(drafter == .supplier ? supplier : buyer, drafter)
        let otherActor: Actor = drafter == .supplier ? .party(buyer, .buyer) : .party(supplier, .supplier)
        let supplierActor = Actor.party(supplier, .supplier)
        let buyerActor = Actor.party(buyer, .buyer)
        life.events.append(Workflow.draftEvent(life.order, by: drafterActor))

        // The path, as (days after creation, who, command). Some orders leave it early.
        var t = 0.1
        var steps: [(Double, Actor, (Order) -> OrderCommand)] = []
        func then(_ days: Double, _ actor: Actor, _ command: @escaping (Order) -> OrderCommand) {
            t += days
            steps.append((t, actor, command))
        }
        if fate < 3 { steps.append((0.05, drafterActor, { _ in .cancel(reason: "Draft abandoned") })) }
        if fate >= 98 { return SeededLife(order: life.order, events: life.events, ledger: []) }   // still being written
        then(0, drafterActor) { _ in .submit }
        if fate >= 3 && fate < 6 { /* never confirmed: the sweep cancels it after 30 days */ } else {
            if fate < 8 { then(1, otherActor) { _ in .cancel(reason: "Terms not acceptable") } }
            then(1 + Double(roll(3)), otherActor) { _ in .confirm }
            if let change, change.beforePayment { change.moves(supplier: supplierActor, buyer: buyerActor, then) }
            let parts = 1 + roll(2)
            for part in 1...parts {
                then(1 + Double(roll(3)), buyerActor) { o in Self.pay(o, part == parts ? 100 : 50, key: "s\(number)a\(part)") }
            }
            then(1, supplierActor) { _ in .startProduction }
            if let change, !change.beforePayment { change.moves(supplier: supplierActor, buyer: buyerActor, then) }
            then(1, supplierActor) { _ in .logContact(note: "Delivery window agreed") }
            then(3 + Double(roll(4)), supplierActor) { _ in .tick(.contact, note: "Logged") }
            for item in ChecklistItem.allCases.dropFirst() { then(0.05, supplierActor) { _ in .tick(item, note: "Checked") } }
            // A balance due after shipment is paid (or claimed) after receipt instead.
            if terms == nil { then(0.5, buyerActor) { o in Self.pay(o, 100, key: "s\(number)b") } }
            then(0.5, supplierActor) { _ in .ready }
            then(0.5, supplierActor) { o in .ship(carrier: o.contract.shippingMethod == .sea ? "COSCO" : "DHL", tracking: "T\(number)") }
            if olderDispute {
                then(4, buyerActor) { _ in .dispute(reason: "Goods not as described", amount: nil) }
                then(6, Actor.platform) { o in .resolve(refund: fate == 8 ? o.paidTotal : .zero(o.currency)) }
            }
            then(Double(contract.shippingMethod.transitDays) + Double(roll(5)), buyerActor) { _ in .confirmReceipt }
            claim?.moves(supplier: supplierActor, buyer: buyerActor, then)
            if let terms {
                if let claim = terms.claim {
                    claim.moves(supplier: supplierActor, buyer: buyerActor, key: "s\(number)b", then)
                } else {
                    then(terms.payDays, buyerActor) { o in Self.pay(o, 100, key: "s\(number)b") }
                }
            }
        }

        for (day, actor, command) in steps {
            let at = created.adding(seconds: Int64(day * 86_400))
            try life.applyTimeouts(until: min(at, now), seeding: &self)
            // A refunded order still has one move when its refund waits to be recorded.
            if at > now || (life.order.state.isTerminal && life.order.disputeOutcome?.refundPending != true) { break }
            try life.apply(command(life.order), by: actor, at: at, seeding: &self)
        }
        try life.applyTimeouts(until: now, seeding: &self)
        return SeededLife(order: life.order, events: life.events, ledger: life.ledger, disputes: life.disputes.rows, points: life.points)
    }

    /// Available limit for `supplier` given what earlier seeded orders still hold.
    func available(_ supplier: Handle) -> Int64 { max(0, (cast.granted[supplier] ?? 0) - (held[supplier] ?? 0)) }

    /// A balance claim's points on the buyer, as `Store.applyPenalty` gives them: added (at
    /// most 1,000); returns the new total and the buyer's row as its event carries it. Never a
    /// supplier's: those would recompute a limit the seeder fixes up front.
    mutating func penalise(_ penalty: PenaltyAssessment) throws -> (total: Int, row: String) {
        guard var row = buyerRows[penalty.party], case let .int(points) = row[SeedCast.pointsColumn] else {
            throw StoreError.invalid("internal error: seeded violation points for \(penalty.party), not a seeded buyer")
        }
        let total = min(1000, Int(points) + penalty.points)
        row[SeedCast.pointsColumn] = .int(Int64(total))
        buyerRows[penalty.party] = row
        return (total, RowEncoding.encode(row))
    }

    static func pay(_ order: Order, _ percent: Int64, key: String) -> OrderCommand {
        let due = order.payableNow?.due.minorUnits ?? 1
        return .pay(amount: Money(minorUnits: max(1, due * percent / 100), currency: order.currency), method: .tt, key: try! IdempotencyKey(key))
    }

    static func contract(currency: Currency, roll: (UInt64) -> Int) -> Contract {
        let scale = currency.minorPerMajor
        let rate: Int64 = currency == .jpy ? 150 : currency == .cny ? 7 : 1
        func money(_ dollars: Int64) -> Money { Money(minorUnits: dollars * scale * rate, currency: currency) }
        let lineCount = 1 + roll(3)
        let lines = (0..<lineCount).map { n in
            LineItem(description: SeedSimulation.products[(roll(UInt64(products.count)) + n) % products.count], quantity: Quantity(whole: Int64(50 + roll(2_000))),
                     unit: "pcs", unitPrice: money(Int64(2 + roll(60))), quality: "Per approved sample")
        }
        let method: ShippingMethod = [.sea, .air, .express, .land][roll(4)]
        var contract = Contract(kind: roll(2) == 0 ? .rts : .custom, currency: currency, lines: lines,
                                incoterm: method == .sea ? .CIF : .DAP, namedPlace: "Port of destination", shippingMethod: method,
                                shipDate: .daysAfterAdvance(30), destination: "Buyer's warehouse", freight: money(Int64(100 + roll(900))),
                                insurance: money(method == .sea ? 50 : 0), advance: .zero(currency), balanceDue: .beforeShipment)
        let total = (try? contract.total().minorUnits) ?? 0
        contract.advance = Money(minorUnits: max(1, total * Int64(20 + roll(31)) / 100), currency: currency)
        return contract
    }

    static let products = ["LED strip 5 m", "Cotton towel set", "Ceramic mug", "Steel hinge", "Bluetooth earbuds", "Oak stool",
                           "Yoga mat", "Glass jar 500 ml", "Phone case", "Wool scarf", "Desk lamp", "Kraft paper bag", "不锈钢保温杯", "タオル"]
}

/// One order being lived: it collects the events and ledger rows its decisions produce.
private struct Life {
    var order: Order
    var events: [AuditEvent] = []
    var ledger: [(entry: LedgerEntry, event: Int)] = []
    var disputes = SeedDisputes()
    var points: [(party: Handle, total: Int)] = []

    mutating func apply(_ command: OrderCommand, by actor: Actor, at: Instant, seeding: inout SeedSimulation) throws {
        var context = DecisionContext(now: at, available: Money(minorUnits: seeding.available(order.supplier), currency: .usd),
                                      rate: seeding.cast.rates[order.currency])
        if command.action == .confirm {
            var generator = SplitMix64(seed: UInt64(order.code.number) &* 0x9E37_79B9_7F4A_7C15)
            context.newPaymentLink = PaymentLinkToken(using: &generator)
        }
        guard let decision = try? Workflow.decide(order, command, by: actor, context: context), !decision.isReplay else { return }
        disputes.follow(from: order, to: decision.after, at: at)
        order = decision.after
        events.append(decision.event)
        if let penalty = decision.penalty { try penalise(penalty, seeding: &seeding) }
        for entry in decision.ledger {
            ledger.append((entry, events.count - 1))
            let delta = entry.kind == .release ? -entry.amount.minorUnits : entry.amount.minorUnits
            seeding.held[order.supplier, default: 0] += delta
        }
    }

    /// The points on the last event's buyer, carried by that event as the store adds them. Out
    /// of line: a few orders in a thousand come here, and `apply` runs for every event.
    @inline(never)
    private mutating func penalise(_ penalty: PenaltyAssessment, seeding: inout SeedSimulation) throws {
        let (total, row) = try seeding.penalise(penalty)
        points.append((penalty.party, total))
        events[events.count - 1] = events[events.count - 1].adding(.init("partyRow", row))
    }

    /// Applies every timeout due before `until`, at the moment it fell due — or, for one that
    /// only came due with the last event (a close waiting for a balance paid after the window
    /// ended), at that event, as the sweep would: never before it.
    mutating func applyTimeouts(until: Instant, seeding: inout SeedSimulation) throws {
        while let due = order.timeoutAt, due <= until {
            let at = max(due, events.last?.at ?? due)
            guard let command = order.dueTimeout(at: at) else { return }
            let before = order.version
            try apply(command, by: .system, at: at, seeding: &seeding)
            if order.version == before { return }
        }
    }
}
