import Testing
@testable import TradeGuardCore

/// Each guard of the workflow refuses with its own reason, and the refusal changes nothing.
struct GuardTests {
    typealias F = Fixture

    func refused(_ order: Order, _ command: OrderCommand, by actor: Actor, at now: Instant = F.t0,
                 context: DecisionContext? = nil) -> Refusal? {
        do {
            _ = try Workflow.decide(order, command, by: actor, context: context ?? F.context(now))
            Issue.record("\(command.action) was allowed")
            return nil
        } catch { return error }
    }

    @Test func drafterCannotConfirmItsOwnContract() {
        let bySupplier = F.order(in: .awaitingConfirmation, initiator: .supplier)
        #expect(refused(bySupplier, .confirm, by: F.supplier) == .ownDraft(drafter: .supplier))
        #expect(Refusal.ownDraft(drafter: .supplier).description == "Only the buyer can confirm a contract the supplier drafted.")
        let byBuyer = F.order(in: .awaitingConfirmation, initiator: .buyer)
        #expect(Refusal.ownDraft(drafter: .buyer).description == "Only the supplier can confirm a contract the buyer drafted.")
        #expect(refused(byBuyer, .confirm, by: F.buyer) == .ownDraft(drafter: .buyer))
    }

    @Test func submitNeedsACompleteContractAndAnActiveSupplier() {
        var contract = F.contract()
        contract.lines = []
        contract.advance = F.usd(0)
        let draft = F.newDraft(initiator: .supplier, contract: contract)
        #expect(refused(draft, .submit, by: F.supplier) == .contractIncomplete([.noLines, .advance(F.usd(6_000))]))
        let good = F.newDraft(initiator: .supplier)
        var inactive = F.context()
        inactive.supplierActive = false
        #expect(refused(good, .submit, by: F.supplier, context: inactive) == .supplierNotActive)
        var suspended = F.context()
        suspended.supplierSuspended = true
        #expect(refused(good, .submit, by: F.supplier, context: suspended) == .supplierSuspended)
    }

    @Test func draftingRefusesUnstorableTextButKeepsIncompleteDrafts() throws {
        var contract = F.contract()
        contract.lines[0].description = "Hinge\u{1B}[2J"
        #expect(throws: Refusal.self) {
            try Workflow.draft(code: OrderCode(number: 1), supplier: F.supplierHandle, buyer: F.buyerHandle,
                               by: F.supplier, contract: contract, context: F.context())
        }
        var incomplete = F.contract()
        incomplete.destination = ""
        incomplete.lines = []
        let (order, event) = try Workflow.draft(code: OrderCode(number: 1), supplier: F.supplierHandle, buyer: F.buyerHandle,
                                                by: F.buyer, contract: incomplete, context: F.context())
        #expect(order.state == .draft && order.initiator == .buyer)
        #expect(event.action == "draft" && event.toState == .draft)
        // Someone may only draft as themselves.
        #expect(throws: Refusal.notAParty(OrderCode(number: 1))) {
            try Workflow.draft(code: OrderCode(number: 1), supplier: F.supplierHandle, buyer: F.buyerHandle,
                               by: F.strangerBuyer, contract: incomplete, context: F.context())
        }
    }

    @Test func contractRules() throws {
        let today = F.t0.utcDate
        var c = F.contract()
        c.incoterm = .FOB
        #expect(c.problems(today: today) == [.freightUnderBuyerTerm(.FOB)])
        c = F.contract()
        c.shippingMethod = .air
        #expect(c.problems(today: today) == [.seaOnlyTerm(.CIF, .air)])
        c = F.contract()
        c.shipDate = .fixed(today.adding(days: -1))
        #expect(c.problems(today: today) == [.shipDateInPast(today.adding(days: -1))])
        c = F.contract()
        c.shipDate = .daysAfterBalance(10)
        c.balanceDue = .afterShipment
        #expect(c.problems(today: today) == [.balanceRuleConflict])
        c = F.contract()
        c.advance = F.usd(134_498)
        #expect(c.problems(today: today) == [.advance(F.usd(134_497))])
        c.advance = F.usd(134_497)
        #expect(c.problems(today: today).isEmpty)
        #expect(try c.total() == F.usd(134_497))
        #expect(try c.balance() == F.usd(0))
    }

    @Test func confirmNeedsARateForForeignCurrencies() throws {
        var contract = F.contract()
        contract.currency = .eur
        func eur(_ m: Money) -> Money { Money(minorUnits: m.minorUnits, currency: .eur) }
        contract.lines = contract.lines.map { var l = $0; l.unitPrice = eur(l.unitPrice); return l }
        contract.freight = eur(contract.freight); contract.insurance = eur(contract.insurance); contract.advance = eur(contract.advance)
        var order = F.newDraft(initiator: .supplier, contract: contract)
        order = F.apply(order, .submit, by: F.supplier)
        #expect(refused(order, .confirm, by: F.buyer) == .missingRate(currency: "EUR"))
        var context = F.context(available: 50_000)   // US$500 available
        context.rate = try ExchangeRate.parse("0.92", currency: .eur, effective: F.t0.utcDate)
        let decision = try Workflow.decide(order, .confirm, by: F.buyer, context: context)
        // €1,344.97 / 0.92 = US$1,461.92 (rounded down); US$500 covered, US$961.92 not.
        #expect(decision.after.coverage?.totalUSD == F.usd(146_192))
        #expect(decision.after.coverage?.covered == F.usd(50_000))
        #expect(decision.after.coverage?.uncovered == F.usd(96_192))
        #expect(decision.ledger == [LedgerEntry(kind: .reserve, supplier: F.supplierHandle, order: order.code,
                                                amount: F.usd(50_000), rateMicros: 920_000)])
        #expect(decision.event.value("rate") == "0.92")
    }

    @Test func nothingAvailableMeansNothingReservedButStillConfirmed() throws {
        let order = F.order(in: .awaitingConfirmation)
        let decision = try Workflow.decide(order, .confirm, by: F.buyer, context: F.context(available: 0))
        #expect(decision.after.state == .awaitingPayment)
        #expect(decision.after.coverage?.covered == F.usd(0))
        #expect(decision.after.coverage?.uncovered == F.usd(134_497))
        #expect(decision.ledger.isEmpty)
    }

    @Test func paymentsAccumulateAndNeverExceedWhatIsDue() throws {
        var order = F.order(in: .awaitingPayment)
        // Advance US$400 in two parts.
        #expect(refused(order, .pay(amount: F.usd(40_001), method: .tt, key: F.key("p1")), by: F.buyer)
                == .overpayment(maximum: F.usd(40_000), term: .advance))
        #expect(Refusal.overpayment(maximum: F.usd(40_000), term: .advance).description == "That is more than is due now: at most US$400.00 of the advance.")
        order = F.apply(order, .pay(amount: F.usd(15_000), method: .tt, key: F.key("p1")), by: F.buyer)
        #expect(order.state == .awaitingPayment && order.outstanding(.advance) == F.usd(25_000))
        #expect(refused(order, .pay(amount: F.usd(30_000), method: .tt, key: F.key("p2")), by: F.buyer)
                == .overpayment(maximum: F.usd(25_000), term: .advance))
        #expect(refused(order, .pay(amount: Money(minorUnits: 100, currency: .eur), method: .tt, key: F.key("p2")), by: F.buyer)
                == .paymentCurrency(expected: "USD", got: "EUR"))
        // Same key, same amount: the original result, nothing written.
        let replay = try Workflow.decide(order, .pay(amount: F.usd(15_000), method: .tt, key: F.key("p1")), by: F.buyer, context: F.context())
        #expect(replay.isReplay && replay.after == order && replay.payment == nil)
        // Same key, other amount: refused.
        #expect(refused(order, .pay(amount: F.usd(25_000), method: .tt, key: F.key("p1")), by: F.buyer)
                == .idempotencyConflict(key: "p1", original: F.usd(15_000)))
        order = F.apply(order, .pay(amount: F.usd(25_000), method: .card, key: F.key("p2")), by: F.buyer)
        #expect(order.state == .advancePaid && order.advancePaidAt == F.t0)
        // The balance, then nothing.
        order = F.apply(order, .pay(amount: order.balanceAmount, method: .bank, key: F.key("p3")), by: F.buyer)
        #expect(order.outstanding(.balance).isZero && order.balancePaidAt != nil)
        #expect(refused(order, .pay(amount: F.usd(1), method: .tt, key: F.key("p4")), by: F.buyer) == .nothingDue)
        #expect(order.paidTotal == order.total)
    }

    @Test func cancellationNeverLosesReceivedMoney() {
        var order = F.order(in: .awaitingPayment)
        order = F.apply(order, .pay(amount: F.usd(100), method: .tt, key: F.key("p1")), by: F.buyer)
        #expect(refused(order, .cancel(reason: "changed mind"), by: F.buyer) == .moneyReceived)
        #expect(refused(order, .cancel(reason: "   "), by: F.buyer) == .text(.empty(field: "reason")))
        // A part-paid order is not auto-cancelled either: it waits, overdue.
        #expect(order.dueTimeout(at: F.t0.adding(days: 61)) == nil)
        #expect(refused(order, .autoCancel, by: F.system, at: F.t0.adding(days: 61)) == .deadlineNotPassed(.payment))
    }

    @Test func timeoutsOnlyWhenTheirDeadlinePassed() throws {
        let waiting = F.order(in: .awaitingConfirmation)
        #expect(refused(waiting, .autoCancel, by: F.system, at: F.t0.adding(days: 29)) == .deadlineNotPassed(.confirmation))
        #expect(waiting.dueTimeout(at: F.t0.adding(days: 30)) == .autoCancel)
        let unpaid = F.order(in: .awaitingPayment)
        let cancelled = try Workflow.decide(unpaid, .autoCancel, by: F.system, context: F.context(F.t0.adding(days: 60)))
        #expect(cancelled.after.state == .cancelled)
        #expect(cancelled.ledger.map(\.kind) == [.release])
        let shipped = F.order(in: .shipped)
        #expect(shipped.receiptDeadline == F.t0.adding(days: 60))    // sea: 60 days
        #expect(shipped.dueTimeout(at: F.t0.adding(days: 59)) == nil)
        #expect(shipped.dueTimeout(at: F.t0.adding(days: 60)) == .autoComplete)
        let completed = F.order(in: .completed)
        #expect(completed.dueTimeout(at: F.t0.adding(days: 30)) == .close)
        #expect(refused(completed, .close, by: F.buyer) == .systemOnly(.close))
    }

    @Test func checklistGuards() {
        var order = F.order(in: .inProduction)
        // Advance paid at t0, ship 20 days later (2026-12-17), sea transit 30 → delivery 2027-01-16,
        // contact by 2027-01-09.
        #expect(order.lastShipDate?.iso == "2026-12-17")
        #expect(order.expectedDelivery?.iso == "2027-01-16")
        #expect(order.lastContactDate?.iso == "2027-01-09")
        #expect(refused(order, .tick(.contact, note: ""), by: F.supplier) == .contactNotInTime(lastDay: order.lastContactDate))
        // The advance received is its item's evidence; everything else is open.
        #expect(refused(order, .ready, by: F.supplier) == .checklistIncomplete(ChecklistItem.allCases.filter { $0 != .advance }))
        #expect(Refusal.checklistIncomplete([.documents, .export]).description == "Checklist incomplete: documents, export")
        #expect(refused(order, .untick(.marks, note: "x"), by: F.supplier) == .notTicked(.marks))
        order = F.apply(order, .tick(.marks, note: "labels ok"), by: F.supplier)
        #expect(order.checklist[.marks] == ChecklistTick(by: F.supplierHandle, at: F.t0, note: "labels ok"))
        #expect(refused(order, .tick(.marks, note: ""), by: F.supplier) == .alreadyTicked(.marks))
        #expect(refused(order, .untick(.marks, note: ""), by: F.supplier) == .text(.empty(field: "note")))
        // A contact logged too late cannot be ticked as in time, and shows as late (the log
        // itself then stands for the item, marked late: ChecklistEvidenceTests).
        let late = F.t0.adding(days: 50)
        let lateOrder = F.apply(order, .logContact(note: "called"), by: F.supplier, at: late)
        #expect(!lateOrder.contactInTime && lateOrder.contactLate(at: late))
        #expect(refused(lateOrder, .tick(.contact, note: ""), by: F.supplier, at: late) == .contactNotInTime(lastDay: order.lastContactDate))
        // Past the ship deadline the date item cannot be ticked.
        #expect(refused(order, .tick(.shipdate, note: ""), by: F.supplier, at: F.t0.adding(days: 21))
                == .shipDeadlinePassed(lastDay: order.lastShipDate!))
    }

    @Test func balanceBeforeShipmentGatesReady() {
        var order = F.order(in: .inProduction)
        order = F.apply(order, .logContact(note: "called"), by: F.supplier)
        for item in ChecklistItem.allCases { order = F.apply(order, .tick(item, note: "ok"), by: F.supplier) }
        #expect(refused(order, .ready, by: F.supplier) == .balanceOutstanding(F.usd(94_497)))
    }

    @Test func extensionsAreCappedAndOnlyTheBuyerAnswers() {
        var order = F.order(in: .inProduction)
        #expect(refused(order, .acceptExtension, by: F.buyer) == .noExtensionPending)
        #expect(refused(order, .requestExtension(days: 91, reason: "late"), by: F.supplier) == .extensionDays(91))
        order = F.apply(order, .requestExtension(days: 60, reason: "strike"), by: F.supplier)
        #expect(refused(order, .requestExtension(days: 5, reason: "more"), by: F.supplier) == .extensionPending)
        #expect(refused(order, .acceptExtension, by: F.supplier)
                == .notPermitted(.acceptExtension, required: .buyer, order: order.code, requiredParty: .buyer))
        let before = order.lastShipDate!
        order = F.apply(order, .acceptExtension, by: F.buyer)
        #expect(order.lastShipDate == before.adding(days: 60))
        order = F.apply(order, .requestExtension(days: 30, reason: "again"), by: F.supplier)
        order = F.apply(order, .declineExtension, by: F.buyer)
        #expect(order.extensionDays == 60 && order.pendingExtension == nil)
        #expect(refused(order, .requestExtension(days: 31, reason: "again"), by: F.supplier) == .extensionCap(remaining: 30))
    }

    @Test func receiptWindowExtendsOncePerParty() {
        var order = F.order(in: .shipped)
        order = F.apply(order, .extendReceipt, by: F.buyer)
        #expect(refused(order, .extendReceipt, by: F.buyer) == .receiptAlreadyExtended)
        order = F.apply(order, .extendReceipt, by: F.supplier)
        #expect(order.receiptDeadline == F.t0.adding(days: 90))
    }

    @Test func disputesAndResolution() throws {
        let production = F.order(in: .inProduction)
        #expect(refused(production, .dispute(reason: "x", amount: F.usd(40_001)), by: F.buyer) == .disputeAmount(maximum: F.usd(40_000)))
        let disputed = F.apply(production, .dispute(reason: "rust", amount: F.usd(10_000)), by: F.buyer)
        #expect(disputed.state == .disputed && disputed.deadlines.isEmpty)
        #expect(refused(disputed, .confirmReceipt, by: F.buyer) == .wrongState(.confirmReceipt, .disputed))
        #expect(refused(disputed, .resolve(refund: F.usd(40_001)), by: F.platform) == .refundAmount(maximum: F.usd(40_000)))
        #expect(refused(disputed, .resolve(refund: F.usd(0)), by: F.buyer)
                == .notPermitted(.resolve, required: .platform, order: disputed.code, requiredParty: nil))
        let back = try Workflow.decide(disputed, .resolve(refund: F.usd(0)), by: F.platform, context: F.context())
        #expect(back.after.state == .inProduction && back.ledger.isEmpty)
        let refunded = try Workflow.decide(disputed, .resolve(refund: F.usd(10_000)), by: F.platform, context: F.context())
        #expect(refunded.after.state == .refunded && refunded.ledger.map(\.kind) == [.release])
        // After the protection window, no dispute.
        let completed = F.order(in: .completed)
        #expect(refused(completed, .dispute(reason: "late find", amount: nil), by: F.buyer, at: F.t0.adding(days: 30)) == .protectionWindowOver(days: 30))
        // Nothing paid, nothing to dispute: an advance-paid order always has money, so build one by hand.
        var unpaid = production
        unpaid.payments = []
        #expect(refused(unpaid, .dispute(reason: "x", amount: nil), by: F.buyer) == .nothingPaid)
    }

    @Test func shipNeedsTheDeadlineAndTracking() {
        let ready = F.order(in: .readyToShip)
        #expect(refused(ready, .ship(carrier: "", tracking: "X"), by: F.supplier) == .text(.empty(field: "carrier")))
        #expect(refused(ready, .ship(carrier: "DHL", tracking: "1\u{7}"), by: F.supplier)
                == .text(.forbiddenCharacter(field: "tracking number", scalar: 7)))
        #expect(refused(ready, .ship(carrier: "DHL", tracking: "1"), by: F.supplier, at: F.t0.adding(days: 21))
                == .shipDeadlinePassed(lastDay: ready.lastShipDate!))
    }

    @Test func deadlinesOfEachState() {
        #expect(F.order(in: .draft).nextDeadline == nil)
        #expect(F.order(in: .awaitingConfirmation).nextDeadline == Deadline(kind: .confirmation, due: F.t0.adding(days: 30), waitingOn: .counterparty))
        #expect(F.order(in: .awaitingPayment).nextDeadline == Deadline(kind: .payment, due: F.t0.adding(days: 60), waitingOn: .buyer))
        let production = F.order(in: .inProduction)
        #expect(production.deadlines.map(\.kind) == [.shipping, .contact])
        #expect(production.nextDeadline?.due == (try! CalendarDate.parse("2026-12-18")).startUTC)
        #expect(F.order(in: .completed).nextDeadline?.kind == .protection)
        #expect(F.order(in: .closed).nextDeadline == nil)
        #expect(F.order(in: .disputed).nextDeadline == nil)
    }
}

struct TimeoutIndexTests {
    /// `timeoutAt` must agree with `dueTimeout`: the store's sweep index relies on it.
    @Test(arguments: OrderState.allCases)
    func timeoutAtAgreesWithDueTimeout(_ state: OrderState) {
        let order = Fixture.order(in: state)
        if let at = order.timeoutAt {
            #expect(order.dueTimeout(at: at.adding(seconds: -1)) == nil)
            #expect(order.dueTimeout(at: at) != nil)
        } else {
            #expect(order.dueTimeout(at: Fixture.t0.adding(days: 3_650)) == nil)
        }
    }

    @Test func waitingOnNamesTheParty() {
        #expect(Fixture.order(in: .draft, initiator: .buyer).waitingOnKind == .buyer)
        #expect(Fixture.order(in: .awaitingConfirmation, initiator: .buyer).waitingOnKind == .supplier)
        #expect(Fixture.order(in: .awaitingConfirmation, initiator: .supplier).waitingOnKind == .buyer)
        #expect(Fixture.order(in: .inProduction).waitingOnKind == .supplier)
        #expect(Fixture.order(in: .disputed).waitingOnKind == .platform)
        #expect(Fixture.order(in: .closed).waitingOnKind == nil)
    }
}
