import Testing
@testable import TradeGuardCore

/// Logging the buyer contact and receiving the advance are their checklist items' evidence
/// (issue 19 item 7): nobody ticks the same fact twice, and a contact logged late no longer
/// leaves an order that can never ship.
struct ChecklistEvidenceTests {
    static let manualItems = ChecklistItem.allCases.filter { $0 != .contact && $0 != .advance }

    @Test func theAdvanceAndALoggedContactAreDoneWithoutATick() throws {
        var order = Fixture.order(in: .inProduction)
        #expect(order.checklistDone(.advance) == .advanceReceived(at: try #require(order.advancePaidAt)))
        #expect(order.checklistDone(.contact) == nil && order.missingChecklistItems.contains(.contact))
        order = Fixture.apply(order, .logContact(note: "called Mr Weber"), by: Fixture.supplier)
        guard case let .contactLogged(contact, late) = order.checklistDone(.contact) else { Issue.record("contact not done"); return }
        #expect(contact.note == "called Mr Weber" && !late)
        #expect(order.checklist.isEmpty, "no tick row is invented")
        for item in Self.manualItems { order = Fixture.apply(order, .tick(item, note: "ok"), by: Fixture.supplier) }
        order = Fixture.apply(order, .pay(amount: order.balanceAmount, method: .card, key: Fixture.key("bal")), by: Fixture.buyer)
        #expect(order.missingChecklistItems.isEmpty)
        let ready = Fixture.apply(order, .ready, by: Fixture.supplier)
        #expect(ready.state == .readyToShip)
    }

    @Test func aContactLoggedLateCountsAndSaysLate() throws {
        var order = Fixture.order(in: .inProduction)
        for item in Self.manualItems { order = Fixture.apply(order, .tick(item, note: "ok"), by: Fixture.supplier) }
        order = Fixture.apply(order, .pay(amount: order.balanceAmount, method: .card, key: Fixture.key("bal")), by: Fixture.buyer)
        let late = try #require(order.lastContactDate).adding(days: 2).startUTC.adding(seconds: 9 * 3_600)
        order = Fixture.apply(order, .logContact(note: "called at last"), by: Fixture.supplier, at: late)
        guard case let .contactLogged(_, isLate) = order.checklistDone(.contact) else { Issue.record("contact not done"); return }
        #expect(isLate && order.checklistDone(.contact)?.note.contains("late") == true)
        // Before, the tick was refused for good and `ready` with it: the order could never ship.
        #expect(try Workflow.decide(order, .ready, by: Fixture.supplier, context: Fixture.context(late)).after.state == .readyToShip)
    }

    @Test func aLogWithExplicitTicksStillReplays() {
        // Databases written before this keep their tick events for both items: still accepted.
        let worked = Fixture.workChecklist(Fixture.order(in: .inProduction))
        #expect(worked.checklistDone(.contact)?.isTick == true && worked.checklistDone(.advance)?.isTick == true)
    }
}
