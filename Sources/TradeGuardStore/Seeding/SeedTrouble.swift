import TradeGuardCore

/// When trade goes wrong in the seeded million (issue 21), in a realistic share: about 2 % of
/// orders get a change after confirmation (most accepted), about 1 % of delivered orders a
/// negotiated quality or damage claim, ending in each way a negotiation ends. The moves go
/// through `Workflow.decide` like every other seeded step; orders whose story reaches "now"
/// mid-way stay at that stage (a change waiting, a claim awaiting the supplier…).
///
/// Every ending gives the supplier no violation points (an agreed quality claim scores none, and
/// the platform's decisions here reject the claim): points would recompute limits the seeder
/// fixes up front. The supplier's balance claims (SeedBalance) do give the buyer points; a
/// buyer has no limit to recompute.
enum SeedTrouble {
    typealias Then = (Double, Actor, @escaping (Order) -> OrderCommand) -> Void

    /// A change after confirmation: the supplier's surcharge before payment, or the buyer's new
    /// delivery address once paid; accepted, rejected, or never answered (superseded when the
    /// order ships).
    struct Change {
        let beforePayment: Bool
        let answer: Int   // 0..<10: below 7 accepted, 7–8 rejected, 9 unanswered

        func moves(supplier: Actor, buyer: Actor, _ then: Then) {
            let (proposer, answerer) = beforePayment ? (supplier, buyer) : (buyer, supplier)
            if beforePayment {
                then(0.3, proposer) { o in
                    var surcharged = o.contract
                    let price = surcharged.lines[0].unitPrice
                    surcharged.lines[0].unitPrice = Money(minorUnits: price.minorUnits + max(1, price.minorUnits * 3 / 100), currency: price.currency)
                    return .proposeChange(surcharged, routeFreight: nil, reason: "Raw material surcharge: 3 % on the first line")
                }
            } else {
                then(0.5, proposer) { o in
                    var moved = o.contract
                    moved.destination = "Buyer's second warehouse, gate 4"
                    return .proposeChange(moved, routeFreight: nil, reason: "Deliver to our second warehouse instead")
                }
            }
            guard answer < 9 else { return }
            let accepted = answer < 7
            then(1, answerer) { o in
                let number = o.pendingAmendment?.number ?? 1
                return accepted ? .acceptChange(number: number)
                    : .rejectChange(number: number, reason: beforePayment ? "The price was agreed; we pay as confirmed" : "The goods are already labelled for the first address")
            }
        }
    }

    /// A claim after receipt that quality or quantity differs, or the goods arrived damaged,
    /// asking back part of the money, and how it ends.
    struct Claim {
        enum Ending: CaseIterable { case counteredAgreed, supplierAgrees, evidenceThenAgreed, escalatedDecided, withdrawn, silentEscalated }
        let kind: DisputeKind
        let percent: Int64
        let ending: Ending

        func moves(supplier: Actor, buyer: Actor, _ then: Then) {
            func part(_ o: Order, _ percent: Int64) -> Money {
                Money(minorUnits: max(1, o.paidTotal.minorUnits * percent / 100), currency: o.currency)
            }
            let asked = percent, offered = max(1, percent / 2)
            then(3, buyer) { o in
                .openDispute(kind: kind, remedy: .partialRefund, amount: part(o, asked),
                             reason: kind == .damaged ? "Cartons crushed; part of the goods broken" : "Part of the goods differ from the approved sample")
            }
            let counter: (Order) -> OrderCommand = { o in
                .counter(remedy: .partialRefund, amount: part(o, offered), note: "We accept part of the claim")
            }
            // The supplier records the refund a few working days after the agreement (seeded
            // stories that reach now before then leave it due, on the supplier's Overview).
            let refund: (Order) -> OrderCommand = { o in .recordRefund(reference: "TT-\(o.code.number)-R") }
            switch ending {
            case .counteredAgreed:
                then(2, supplier, counter)
                then(1, buyer) { _ in .agree }
                then(4, supplier, refund)
            case .supplierAgrees:
                then(2, supplier) { _ in .agree }
                then(5, supplier, refund)
            case .evidenceThenAgreed:
                then(1, supplier) { _ in .askEvidence(note: "Photos of the affected goods, please") }
                then(1, buyer) { _ in .addEvidence(description: "Photos of the affected goods", reference: "claim-photos.zip") }
                then(2, supplier, counter)
                then(1, buyer) { _ in .agree }
                then(3, supplier, refund)
            case .escalatedDecided:
                then(2, supplier, counter)
                then(1, buyer) { _ in .escalate(note: "The offer does not cover our loss") }
                then(7, .platform) { _ in .decide(remedy: .noRemedy, amount: nil, reasoning: "The inspection report shows the goods as agreed") }
            case .withdrawn:
                then(2, supplier, counter)
                then(1, buyer) { _ in .withdraw(reason: "Settled with the supplier directly") }
            case .silentEscalated:
                // The supplier lets its 5 days pass: the sweep escalates; the platform decides.
                then(12, .platform) { _ in .decide(remedy: .noRemedy, amount: nil, reasoning: "No evidence of a defect was given") }
            }
        }
    }

    /// 2 in 100 orders; a third of the changes before payment.
    static func change(_ random: inout SplitMix64) -> Change? {
        guard random.next(upperBound: UInt64(100)) < 2 else { return nil }
        return Change(beforePayment: random.next(upperBound: UInt64(3)) == 0, answer: Int(random.next(upperBound: UInt64(10))))
    }

    /// 1 in 100 orders (those that get their goods make the claim).
    static func claim(_ random: inout SplitMix64) -> Claim? {
        guard random.next(upperBound: UInt64(100)) < 1 else { return nil }
        let endings: [Claim.Ending] = [.counteredAgreed, .counteredAgreed, .counteredAgreed, .supplierAgrees, .evidenceThenAgreed,
                                       .evidenceThenAgreed, .escalatedDecided, .withdrawn, .silentEscalated]
        return Claim(kind: random.next(upperBound: UInt64(2)) == 0 ? .notAsAgreed : .damaged,
                     percent: Int64(10 + random.next(upperBound: UInt64(21))),
                     ending: endings[Int(random.next(upperBound: UInt64(endings.count)))])
    }
}
