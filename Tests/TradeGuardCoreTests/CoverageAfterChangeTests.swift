import Testing
@testable import TradeGuardCore

/// A price or shipping-fee change accepted before payment changes the order's total, so it
/// re-fixes the coverage at the rate fixed at confirmation: the reservation follows the new
/// total, taking more of the limit only as far as it is free (found in issue 21: the demo's
/// TG-0000044 showed US$22,750 covered of a US$22,150 order).
struct CoverageAfterChangeTests {
    typealias F = Fixture

    /// Confirmed with `available` cents of limit free, then `contract` proposed by the supplier.
    func proposed(_ change: (Contract) -> Contract, available: Int64 = 100_000_000) throws -> Order {
        let submitted = F.apply(F.newDraft(initiator: .supplier), .submit, by: F.supplier)
        let unpaid = try Workflow.decide(submitted, .confirm, by: F.buyer, context: F.context(available: available)).after
        return F.apply(unpaid, .proposeChange(change(unpaid.contract), routeFreight: nil, reason: "as discussed"), by: F.supplier)
    }

    func dearer(_ c: Contract) -> Contract {
        var c = c
        c.lines[0].unitPrice = F.usd(c.lines[0].unitPrice.minorUnits + 1_000)   // +US$10 × 100 = +US$1,000
        return c
    }

    @Test func aCheaperContractReleasesWhatItNoLongerNeeds() throws {
        let order = try proposed(F.cheaper)
        #expect(order.coverage?.covered == F.usd(134_497))
        let decision = try Workflow.decide(order, .acceptChange(number: 1), by: F.buyer, context: F.context())
        #expect(decision.after.total == F.usd(124_497))
        #expect(decision.after.coverage?.totalUSD == F.usd(124_497))
        #expect(decision.after.coverage?.covered == F.usd(124_497) && decision.after.coverage?.uncovered == F.usd(0))
        #expect(decision.after.coverage?.rate == order.coverage?.rate)
        #expect(decision.ledger == [LedgerEntry(kind: .release, supplier: F.supplierHandle, order: order.code, amount: F.usd(10_000))])
        #expect(decision.event.value("covered") == "1244.97" && decision.event.value("uncovered") == "0.00"
                && decision.event.value("totalUSD") == "1244.97")
    }

    @Test func aDearerContractReservesOnlyWhatIsFree() throws {
        // US$1,000 of limit was free at confirmation: 1,000.00 of 1,344.97 covered.
        let order = try proposed(dearer, available: 100_000)
        #expect(order.coverage?.covered == F.usd(100_000))
        // US$500 is free now: the new total of 2,344.97 gets 1,500.00 covered.
        let decision = try Workflow.decide(order, .acceptChange(number: 1), by: F.buyer, context: F.context(available: 50_000))
        #expect(decision.after.coverage?.covered == F.usd(150_000) && decision.after.coverage?.uncovered == F.usd(84_497))
        #expect(decision.ledger == [LedgerEntry(kind: .reserve, supplier: F.supplierHandle, order: order.code, amount: F.usd(50_000),
                                                rateMicros: order.coverage?.rate.microUnitsPerUSD)])
    }

    @Test func aSuspendedSupplierKeepsWhatWasCoveredButGetsNoMore() throws {
        let order = try proposed(dearer, available: 100_000)
        var context = F.context(available: 50_000)
        context.supplierSuspended = true
        let decision = try Workflow.decide(order, .acceptChange(number: 1), by: F.buyer, context: context)
        #expect(decision.after.coverage?.covered == F.usd(100_000) && decision.ledger.isEmpty)
    }

    @Test func aChangeThatKeepsTheTotalKeepsTheCoverageAndSaysNothingOfIt() throws {
        let order = try proposed(F.moved)
        let decision = try Workflow.decide(order, .acceptChange(number: 1), by: F.buyer, context: F.context())
        #expect(decision.after.coverage == order.coverage && decision.ledger.isEmpty)
        #expect(decision.event.value("covered") == nil)
    }

    @Test func theReservationNetsToTheCoverageAndTheEndReleasesTheRest() throws {
        let order = try proposed(F.cheaper)
        let accepted = try Workflow.decide(order, .acceptChange(number: 1), by: F.buyer, context: F.context())
        let cancelled = try Workflow.decide(accepted.after, .cancel(reason: "changed plans"), by: F.supplier, context: F.context())
        // 1,344.97 reserved at confirmation, 100.00 released by the change, the rest at the end.
        #expect(cancelled.ledger == [LedgerEntry(kind: .release, supplier: F.supplierHandle, order: order.code, amount: F.usd(124_497))])
    }

    @Test func changesAcceptedBeforeTheRuleKeepTheirCoverageOnReplay() throws {
        let order = try proposed(F.cheaper)
        var context = F.context()
        context.coverageFixedAtConfirmation = true
        let legacy = try Workflow.decide(order, .acceptChange(number: 1), by: F.buyer, context: context)
        #expect(legacy.after.coverage == order.coverage && legacy.ledger.isEmpty && legacy.event.value("covered") == nil)
    }
}
