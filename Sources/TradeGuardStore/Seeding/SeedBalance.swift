import TradeGuardCore

/// The balance due after shipment, and the supplier's claim when it goes unpaid (issue 21,
/// `claimBalance`). A share of orders let the buyer pay the balance after receipt; most buyers
/// pay within days, but a few slow payers leave it unpaid and the supplier claims it while the
/// protection window runs. The claim ends in each way it can: agreed (6 points to the buyer),
/// withdrawn, decided none, decided pay-balance after the buyer escalates or stays silent
/// (48 points); stories that reach now mid-way leave it awaiting the buyer or the platform.
///
/// Every story ends within the protection window (claimed 8–12 days after receipt, paid at
/// the latest 26 days after), so the sweep's close never overtakes it.
enum SeedBalance {
    /// How often it happens; `standard` for every real seed. Tests may ask for more, to see
    /// every state in a few thousand orders.
    struct Shares: Sendable {
        /// Orders in 100 whose balance is due after shipment.
        var afterShipment = 10
        /// Of a slow payer's such orders, in 100, those left unpaid and claimed.
        var unpaid = 33
        /// Every buyer but the big one pays slowly; else 1 buyer in 10 (point-bearing endings
        /// then fall on few buyers, as non-payment does, instead of suspending most of them).
        var everyBuyerSlow = false

        static let standard = Shares()
    }

    /// An order's balance terms when due after shipment: when the buyer pays, or the claim.
    struct Terms {
        let payDays: Double
        let claim: Claim?
    }

    /// The supplier's claim and how it ends.
    struct Claim {
        enum Ending: CaseIterable { case agreed, withdrawn, escalatedNone, escalatedPay, silentPay }
        let afterDays: Double
        let ending: Ending

        func moves(supplier: Actor, buyer: Actor, key: String, _ then: SeedTrouble.Then) {
            let pay: (Order) -> OrderCommand = { o in SeedSimulation.pay(o, 100, key: key) }
            then(afterDays, supplier) { o in .claimBalance(reason: "Balance for \(o.code) unpaid since receipt; reminders unanswered") }
            switch ending {
            case .agreed:
                then(1, buyer) { _ in .agree }
                then(2, buyer, pay)
            case .withdrawn:
                // Withdrawn on the buyer's promise, which it keeps.
                then(2, supplier) { _ in .withdraw(reason: "The buyer has promised to pay this week") }
                then(2, buyer, pay)
            case .escalatedNone:
                then(1, buyer) { _ in .escalate(note: "Part of the goods arrived short; we pay only for what came") }
                then(7, .platform) { _ in .decide(remedy: .noRemedy, amount: nil, reasoning: "The delivery note records the shortfall; the balance is not owed") }
            case .escalatedPay:
                then(1, buyer) { _ in .escalate(note: "We pay once the goods are sold") }
                then(7, .platform) { _ in .decide(remedy: .payBalance, amount: nil, reasoning: "Receipt was confirmed in full; the balance is owed") }
                then(2, buyer, pay)
            case .silentPay:
                // The buyer lets its 5 days pass: the sweep escalates; the platform decides.
                then(12, .platform) { _ in .decide(remedy: .payBalance, amount: nil, reasoning: "The buyer gave no reason for not paying") }
                then(2, buyer, pay)
            }
        }
    }

    /// The terms of one order (nil: the balance before shipment, as the contract has it).
    static func terms(_ random: inout SplitMix64, slowPayer: Bool, shares: Shares) -> Terms? {
        guard random.next(upperBound: UInt64(100)) < shares.afterShipment else { return nil }
        let payDays = 2 + Double(random.next(upperBound: UInt64(7)))
        guard slowPayer, random.next(upperBound: UInt64(100)) < shares.unpaid else { return Terms(payDays: payDays, claim: nil) }
        // Most buyers agree once claimed; escalations are few, and fewer lost.
        let endings: [Claim.Ending] = Array(repeating: .agreed, count: 13) + Array(repeating: .withdrawn, count: 3)
            + [.escalatedNone, .escalatedNone, .escalatedPay, .silentPay]
        return Terms(payDays: payDays, claim: Claim(afterDays: 8 + Double(random.next(upperBound: UInt64(5))),
                                                    ending: endings[Int(random.next(upperBound: UInt64(endings.count)))]))
    }

    /// Whether the buyer at `index` of the cast is a slow payer (never the big buyer, 0).
    static func slowPayer(_ index: Int, shares: Shares) -> Bool {
        index != 0 && (shares.everyBuyerSlow || index % 10 == 3)
    }
}
