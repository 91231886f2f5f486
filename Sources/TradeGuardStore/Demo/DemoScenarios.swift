import TradeGuardCore

/// The orders of the demo: a standard path taken to each state, plus the cases a trainer needs
/// to show — partial payments, an overdue payment, a confirmation due tomorrow, a missed buyer
/// contact, a pending extension, disputes at several stages and a refund, changes after
/// confirmation waiting, accepted and rejected, orders in EUR and CNY, and closed orders whose
/// volume grew the big supplier's limit towards the cap.
enum DemoScenarios {
    typealias M = DemoTimeline.Move
    typealias C = DemoCast

    static func add(to t: inout DemoTimeline) {
        let buyers = [C.hanse, C.tanaka, C.yildiz, C.meihua, C.elegance, C.austin]

        // Shenzhen Bright: twenty large orders closed over the past months feed its limit
        // towards the US$1,000,000 cap (volume counts half of each closed order).
        for n in 0..<20 {
            let dollars = Int64(78_000 + (n * 7_919) % 24_000)
            t.add(.init(supplier: C.bright, buyer: buyers[n % buyers.count], drafter: n % 4 == 3 ? .buyer : .supplier,
                        contract: contract(t, .usd, dollars * 100, item: electronics[n % electronics.count], method: .air, n: n),
                        daysAgo: 148 - Double(n) * 4.5, moves: path(to: .closed, twoPartAdvance: n % 3 == 0)))
        }

        // Work in flight, one of each state, across suppliers, buyers and currencies.
        let flight: [(Handle, Handle, PartyKind, Currency, Int64, OrderState, Double)] = [
            (C.bright, C.hanse, .supplier, .eur, 4_250_000, .draft, 1.2),
            (C.bright, C.tanaka, .buyer, .usd, 1_890_000, .draft, 0.6),
            (C.yiwu, C.yildiz, .supplier, .usd, 640_000, .draft, 2.5),
            (C.bright, C.meihua, .supplier, .cny, 56_800_000, .awaitingConfirmation, 3.0),
            (C.yiwu, C.hanse, .buyer, .eur, 910_000, .awaitingConfirmation, 5.0),
            (C.bright, C.austin, .supplier, .usd, 2_275_000, .awaitingPayment, 4.0),
            (C.yiwu, C.elegance, .supplier, .eur, 1_185_000, .advancePaid, 9.0),
            (C.bright, C.yildiz, .supplier, .usd, 3_320_000, .inProduction, 14.0),
            (C.bright, C.hanse, .buyer, .usd, 5_100_000, .readyToShip, 20.0),
            (C.yiwu, C.austin, .supplier, .usd, 415_000, .readyToShip, 18.0),
            (C.bright, C.tanaka, .supplier, .usd, 2_740_000, .shipped, 19.0),
            (C.yiwu, C.meihua, .supplier, .cny, 9_900_000, .shipped, 21.0),
            (C.bright, C.elegance, .supplier, .eur, 1_630_000, .completed, 25.0),
            (C.yiwu, C.tanaka, .buyer, .usd, 780_000, .completed, 30.0),
            (C.saigon, C.hanse, .supplier, .usd, 2_960_000, .inProduction, 40.0),
            (C.saigon, C.austin, .supplier, .usd, 1_450_000, .closed, 100.0),
            (C.yiwu, C.yildiz, .supplier, .usd, 530_000, .closed, 90.0),
            (C.yiwu, C.elegance, .buyer, .eur, 860_000, .closed, 80.0),
            (C.bright, C.meihua, .supplier, .usd, 2_015_000, .cancelled, 12.0),
        ]
        for (n, (supplier, buyer, drafter, currency, minor, state, daysAgo)) in flight.enumerated() {
            let item = (supplier == C.yiwu ? crafts : supplier == C.saigon ? furniture : electronics)[n % 4]
            let moves: [M] = state == .cancelled
                ? [M(day: 0.05, who: .drafter, command: { _ in .submit }),
                   M(day: 1.5, who: .buyer, command: { _ in .cancel(reason: "Found a local stockist") })]
                : path(to: state, twoPartAdvance: n % 2 == 0) + (disputeMoves[n] ?? []) + (changeMoves[n] ?? [])
            t.add(.init(supplier: supplier, buyer: buyer, drafter: drafter,
                        contract: contract(t, currency, minor, item: item, method: n % 3 == 0 ? .sea : .air, n: n),
                        daysAgo: daysAgo, moves: moves))
        }
        addDeadlineCases(to: &t)
        addBalanceClaimCases(to: &t)
    }

    /// Cases whose deadlines must sit at a fixed distance from today.
    static func addDeadlineCases(to t: inout DemoTimeline) {
        // Confirmation due tomorrow: submitted 29 days ago.
        t.add(.init(supplier: C.bright, buyer: C.yildiz, drafter: .supplier,
                    contract: contract(t, .usd, 1_325_000, item: electronics[1], method: .air, n: 1),
                    daysAgo: 29.2, moves: [M(day: 0.2, who: .drafter, command: { _ in .submit })]))
        // Never confirmed: auto-cancelled by the sweep 30 days after submission.
        t.add(.init(supplier: C.yiwu, buyer: C.tanaka, drafter: .supplier,
                    contract: contract(t, .usd, 365_000, item: crafts[2], method: .air, n: 2),
                    daysAgo: 45, moves: [M(day: 0.1, who: .drafter, command: { _ in .submit })]))
        // Part-paid and past its payment deadline: money received, so it waits overdue, not cancelled.
        t.add(.init(supplier: C.bright, buyer: C.tanaka, drafter: .supplier,
                    contract: contract(t, .usd, 2_480_000, item: electronics[2], method: .sea, n: 3),
                    daysAgo: 72, moves: [M(day: 0.1, who: .drafter, command: { _ in .submit }),
                                         M(day: 2, who: .counterparty, command: { _ in .confirm }),
                                         M(day: 7, who: .buyer, command: { pay($0, fraction: 40, key: "part") })]))
        // Changes requested: back with the drafter, with the buyer's reason.
        t.add(.init(supplier: C.yiwu, buyer: C.meihua, drafter: .supplier,
                    contract: contract(t, .cny, 4_260_000, item: crafts[3], method: .sea, n: 4),
                    daysAgo: 6, moves: [M(day: 0.1, who: .drafter, command: { _ in .submit }),
                                        M(day: 1.5, who: .counterparty, command: { _ in .requestChanges(reason: "请把交货期提前一周 — please ship one week earlier") })]))
        // Missed buyer contact: delivery expected in 4 days, the contact was due 3 days ago.
        var late = contract(t, .usd, 1_975_000, item: electronics[3], method: .express, n: 5)
        late.shipDate = .fixed(t.date(daysFromNow: 2))
        late.expectedDelivery = t.date(daysFromNow: 4)
        t.add(.init(supplier: C.bright, buyer: C.austin, drafter: .supplier, contract: late, daysAgo: 30,
                    moves: Array(path(to: .inProduction, twoPartAdvance: false))))
        // Contact due in three days (T-3 on the ladder).
        var soon = contract(t, .eur, 2_210_000, item: furniture[1], method: .air, n: 6)
        soon.shipDate = .fixed(t.date(daysFromNow: 6))
        soon.expectedDelivery = t.date(daysFromNow: 10)
        t.add(.init(supplier: C.yiwu, buyer: C.hanse, drafter: .supplier, contract: soon, daysAgo: 20,
                    moves: path(to: .inProduction, twoPartAdvance: true)))
        // A shipping extension waiting for the buyer's answer.
        t.add(.init(supplier: C.bright, buyer: C.elegance, drafter: .supplier,
                    contract: contract(t, .usd, 1_240_000, item: electronics[0], method: .air, n: 7), daysAgo: 16,
                    moves: path(to: .inProduction, twoPartAdvance: false)
                        + [M(day: 12, who: .supplier, command: { _ in .requestExtension(days: 14, reason: "Chip shortage: MCU batch arrives late") })]))
        // A dispute open after delivery, and one resolved with a partial refund.
        t.add(.init(supplier: C.yiwu, buyer: C.yildiz, drafter: .buyer,
                    contract: contract(t, .usd, 720_000, item: crafts[0], method: .express, n: 8), daysAgo: 34,
                    moves: path(to: .completed, twoPartAdvance: false)
                        + [M(day: 30, who: .buyer, command: { _ in .openDispute(kind: .damaged, remedy: .partialRefund,
                                                                              amount: Money(minorUnits: 21_600, currency: .usd),
                                                                              reason: "12 of 400 vases arrived cracked") }),
                           M(day: 31, who: .supplier, command: { _ in .counter(remedy: .replacement, amount: nil,
                                                                              note: "We replace the 12 vases with the next shipment") }),
                           M(day: 32, who: .buyer, command: { _ in .escalate(note: "Replacements after the season are no use to us") })]))
        t.add(.init(supplier: C.saigon, buyer: C.meihua, drafter: .supplier,
                    contract: contract(t, .usd, 1_880_000, item: furniture[2], method: .air, n: 9), daysAgo: 60,
                    moves: path(to: .completed, twoPartAdvance: false)
                        + [M(day: 28, who: .buyer, command: { _ in .dispute(reason: "Wrong wood finish on 30 chairs", amount: nil) }),
                           M(day: 33, who: .platform, command: { _ in .resolve(refund: Money(minorUnits: 240_000, currency: .usd)) })]))

        // The newcomer activated six days ago and drafted its first order since.
        t.at(daysAgo: 6) { store in _ = try store.activate(C.newcomer, as: C.newcomerActor) }
        t.add(.init(supplier: C.newcomer, buyer: C.elegance, drafter: .supplier,
                    contract: contract(t, .eur, 385_000, item: furniture[3], method: .sea, n: 10), daysAgo: 2, moves: []))
        // Saigon collects violation points after its orders were confirmed: suspended now.
        t.at(daysAgo: 3) { store in try store.setViolationPoints(C.saigon, to: 52) }
    }

    /// The supplier's claim against a buyer who does not pay the balance after receipt (rule
    /// 3310): two ready-to-ship sample orders Yiwu sent Austin Outdoor by courier today, the
    /// balance due after shipment. Austin confirmed both the same afternoon and paid neither
    /// balance: on the first Yiwu may claim it (`B`), on the second it has, and Austin must agree
    /// to pay or escalate. Drafted last of all, so every earlier order keeps its code.
    static func addBalanceClaimCases(to t: inout DemoTimeline) {
        for (n, claimed) in [(11, false), (12, true)] {
            var sample = contract(t, .usd, claimed ? 684_000 : 452_000, item: crafts[n % 4], method: .express, n: n)
            sample.kind = .rts
            sample.balanceDue = .afterShipment
            var moves = rushPath
            if claimed {
                moves.append(M(day: 0.4, who: .supplier, command: { _ in
                    .claimBalance(reason: "Samples delivered and receipt confirmed; invoice INV-2026-311 for the balance is unpaid") }))
            }
            t.add(.init(supplier: C.yiwu, buyer: C.austin, drafter: .supplier, contract: sample, daysAgo: claimed ? 0.5 : 0.55, moves: moves))
        }
    }

    /// A sample order's day, compressed into hours: confirmed, the advance paid, the checklist
    /// worked, shipped by courier and received — the balance left unpaid.
    static var rushPath: [M] {
        var moves = [M(day: 0.01, who: .drafter, command: { _ in .submit }),
                     M(day: 0.02, who: .counterparty, command: { _ in .confirm }),
                     M(day: 0.03, who: .buyer, command: { pay($0, fraction: 100, key: "adv") }),
                     M(day: 0.04, who: .supplier, command: { _ in .startProduction }),
                     M(day: 0.05, who: .supplier, command: { _ in .logContact(note: "Courier slot and receiving contact confirmed with the buyer") })]
        for (i, item) in ChecklistItem.allCases.enumerated() {
            moves.append(M(day: 0.06 + Double(i) * 0.005, who: .supplier, command: { _ in .tick(item, note: notes[item] ?? "Checked") }))
        }
        moves += [M(day: 0.13, who: .supplier, command: { _ in .ready }),
                  M(day: 0.14, who: .supplier, command: { o in .ship(carrier: "DHL Express", tracking: "TRK\(o.code.number * 7_919 % 9_000_000 + 1_000_000)") }),
                  M(day: 0.3, who: .buyer, command: { _ in .confirmReceipt })]
        return moves
    }

    /// Disputes negotiated on orders of the flight list (by index), each at another stage: the
    /// Yiwu–Meihua container claimed not received, waiting for Yiwu's answer; the Yiwu–Tanaka
    /// colours claimed not as agreed, evidence asked and given, Yiwu's counter waiting for
    /// Tanaka. (The Yiwu–Yıldız vases are escalated to the platform; the Saigon–Meihua chairs
    /// show a dispute of the older form, resolved by the platform alone.)
    static var disputeMoves: [Int: [M]] { [
        11: [M(day: 18, who: .buyer, command: { _ in .openDispute(kind: .notReceived, remedy: .fullRefund, amount: nil,
                                                                  reason: "Container not arrived; no carrier scan since Ningbo port") })],
        13: [M(day: 24, who: .buyer, command: { o in .openDispute(kind: .notAsAgreed, remedy: .partialRefund,
                                                                  amount: Money(minorUnits: 120_000, currency: o.currency),
                                                                  reason: "Colours differ from the Pantone card on 300 sets") }),
             M(day: 25, who: .supplier, command: { _ in .askEvidence(note: "Photos of the sets beside the Pantone card, please") }),
             M(day: 26, who: .buyer, command: { _ in .addEvidence(description: "Photos of 12 sets beside the Pantone card",
                                                                  reference: "tanaka-pantone-photos.zip") }),
             M(day: 27, who: .supplier, command: { o in .counter(remedy: .partialRefund, amount: Money(minorUnits: 40_000, currency: o.currency),
                                                                 note: "Within tolerance on most sets; we offer US$400") })],
    ] }

    /// Changes after confirmation on orders of the flight list (by index), one at each stage:
    /// Shenzhen Bright's discount on the Austin chargers before payment, waiting for Austin's
    /// answer; Boutique Élégance's new Hamburg warehouse after paying Yiwu's advance, accepted
    /// (the contract's version 2); Yıldız's route to Istanbul instead of Yokohama on a paid
    /// order, with the new route's freight quoted within 120 % of the old, rejected by Bright.
    static var changeMoves: [Int: [M]] { [
        5: [M(day: 2.5, who: .supplier, command: { o in
                var cheaper = o.contract
                cheaper.lines[0].unitPrice = Money(minorUnits: cheaper.lines[0].unitPrice.minorUnits * 97 / 100, currency: o.currency)
                return .proposeChange(cheaper, routeFreight: nil, reason: "Volume discount agreed by phone: 3 % off the chargers")
            })],
        6: [M(day: 5, who: .buyer, command: { o in
                var moved = o.contract
                moved.destination = "Entrepôt 3, Am Sandtorkai 12, Hamburg (forwarder Kühne + Nagel)"
                return .proposeChange(moved, routeFreight: nil, reason: "Our forwarder moved to a new warehouse in the port")
            }),
            M(day: 6, who: .supplier, command: { _ in .acceptChange(number: 1) })],
        7: [M(day: 9, who: .buyer, command: { o in
                var rerouted = o.contract
                rerouted.namedPlace = "Istanbul"
                let quote = Money(minorUnits: o.contract.freight.minorUnits * 110 / 100, currency: o.currency)
                return .proposeChange(rerouted, routeFreight: quote, reason: "Please fly to Istanbul instead: our Yokohama agent has closed")
            }),
            M(day: 10, who: .supplier, command: { _ in .rejectChange(number: 1, reason: "Our air freight contract covers Yokohama only") })],
    ] }

    /// The usual path to `target`: submit, confirm, advance (in one or two parts), production,
    /// contact, checklist, balance, ready, ship, receipt — the sweep closes after 30 days.
    static func path(to target: OrderState, twoPartAdvance: Bool) -> [M] {
        var moves: [M] = []
        if target == .draft { return moves }
        func then(_ state: OrderState, _ new: [M]) -> Bool {
            moves += new
            return state != target
        }
        guard then(.awaitingConfirmation, [M(day: 0.1, who: .drafter, command: { _ in .submit })]),
              then(.awaitingPayment, [M(day: 1.8, who: .counterparty, command: { _ in .confirm })]),
              then(.advancePaid, twoPartAdvance
                   ? [M(day: 2.5, who: .buyer, command: { pay($0, fraction: 50, key: "adv1") }),
                      M(day: 3.5, who: .buyer, command: { pay($0, fraction: 100, key: "adv2") })]
                   : [M(day: 3, who: .buyer, command: { pay($0, fraction: 100, key: "adv") })]),
              then(.inProduction, [M(day: 4, who: .supplier, command: { _ in .startProduction })])
        else { return moves }
        moves.append(M(day: 5, who: .supplier, command: { _ in .logContact(note: "Confirmed delivery slot and labels with the buyer") }))
        for (i, item) in ChecklistItem.allCases.enumerated() {
            moves.append(M(day: 7 + Double(i) * 0.1, who: .supplier, command: { _ in .tick(item, note: notes[item] ?? "Checked") }))
        }
        moves.append(M(day: 8, who: .buyer, command: { pay($0, fraction: 100, key: "bal") }))
        guard then(.readyToShip, [M(day: 8.5, who: .supplier, command: { _ in .ready })]),
              then(.shipped, [M(day: 9, who: .supplier, command: { o in .ship(carrier: o.contract.shippingMethod == .sea ? "COSCO Shipping" : "DHL Express",
                                                                                    tracking: "TRK\(o.code.number * 7_919 % 9_000_000 + 1_000_000)") })]),
              then(.completed, [M(day: 14, who: .buyer, command: { _ in .confirmReceipt })])
        else { return moves }
        return moves   // closed: the sweep closes it 30 days after receipt
    }

    /// Pays `fraction` percent of what is due now (the rest of it when 100).
    static func pay(_ order: Order, fraction: Int64, key: String) -> OrderCommand {
        let due = order.payableNow?.due ?? .zero(order.currency)
        let amount = Money(minorUnits: max(1, due.minorUnits * fraction / 100), currency: order.currency)
        return .pay(amount: amount, method: key.hasPrefix("bal") ? .tt : .card,
                    key: try! IdempotencyKey("demo-\(order.code.number)-\(key)"))
    }

    /// A contract of about `minor` in `currency`: two lines, freight, 30 % advance.
    static func contract(_ t: DemoTimeline, _ currency: Currency, _ minor: Int64, item: (String, String, String),
                         method: ShippingMethod, n: Int) -> Contract {
        let freight = minor / 40
        let goods = minor - freight
        let quantity: Int64 = [500, 1_200, 300, 2_000, 800][n % 5]
        let unitPrice = max(1, goods * 9 / 10 / quantity)
        let accessory = goods - unitPrice * quantity
        let lines = [
            LineItem(description: item.0, quantity: Quantity(whole: quantity), unit: item.1,
                     unitPrice: Money(minorUnits: unitPrice, currency: currency), quality: item.2, inspectionRequired: n % 2 == 0),
            LineItem(description: "Spare parts and packaging", quantity: Quantity(whole: 1), unit: "lot",
                     unitPrice: Money(minorUnits: max(1, accessory), currency: currency), quality: "Per packing list"),
        ]
        let incoterm: Incoterm = method == .sea ? (n % 2 == 0 ? .CIF : .CFR) : (n % 2 == 0 ? .DAP : .CPT)
        var contract = Contract(kind: n % 3 == 0 ? .rts : .custom, currency: currency, lines: lines, incoterm: incoterm,
                                namedPlace: ["Hamburg", "Yokohama", "Istanbul", "Shanghai", "Le Havre", "Houston"][n % 6],
                                shippingMethod: method, shipDate: .daysAfterAdvance(method == .sea ? 30 : 25),
                                destination: "Receiving dock, as per buyer's standing instructions",
                                freight: Money(minorUnits: freight, currency: currency),
                                insurance: Money(minorUnits: incoterm == .CIF ? minor / 200 : 0, currency: currency),
                                advance: .zero(currency), balanceDue: .beforeShipment)
        let total = (try? contract.total().minorUnits) ?? minor
        contract.advance = Money(minorUnits: max(1, total * 3 / 10), currency: currency)
        return contract
    }

    static let electronics = [("LED panel light 600x600 mm, 40 W", "pcs", "IEC 62612; flicker < 5 %; 3 % AQL 2.5"),
                              ("USB-C charger 65 W GaN", "pcs", "CE/FCC marked; burn-in 4 h"),
                              ("Bluetooth speaker, IPX6", "pcs", "Drop test 1.2 m; battery at least 2,000 mAh"),
                              ("Smart plug, Wi-Fi, EU type F", "pcs", "CE RED; 16 A relay; 0 dead on arrival")]
    static let crafts = [("Hand-painted ceramic vase, 30 cm", "pcs", "No chips; glaze per sample B-12"),
                         ("Christmas ornament set (12)", "sets", "EN 71 tested; colours per Pantone card"),
                         ("Rattan storage basket", "pcs", "Moisture < 12 %; fumigation certificate"),
                         ("Scented candle, soy wax 200 g", "pcs", "Burn time at least 40 h; IFRA compliant")]
    static let furniture = [("Teak dining chair", "pcs", "Kiln-dried teak; finish per swatch T-3"),
                            ("Oak coffee table 120x60 cm", "pcs", "FSC certified; load test 100 kg"),
                            ("Acacia bar stool", "pcs", "Seat height 75 cm ± 1 cm"),
                            ("Rattan lounge chair", "pcs", "UV-resistant weave; 5-year frame warranty")]
    static let notes: [ChecklistItem: String] = [
        .contact: "Buyer confirmed delivery slot by phone", .advance: "Advance credited in full",
        .quality: "Third-party inspection passed (AQL 2.5)", .quantities: "Counted against packing list",
        .documents: "Invoice, packing list and B/L cross-checked", .export: "Export declaration filed",
        .incoterm: "Freight booked as per Incoterm", .destination: "Consignee address re-confirmed",
        .shipdate: "Booking within ship deadline", .marks: "Carton marks photographed",
    ]
}
