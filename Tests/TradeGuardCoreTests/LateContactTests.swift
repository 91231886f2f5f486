import Testing
@testable import TradeGuardCore

/// A buyer contact logged late meets its deadline, late (issue 19): the contact clock stops and
/// the next deadline is the real next one, the ship date.
struct LateContactTests {
    @Test func theDomainStopsTheContactClockOnceAContactIsLogged() throws {
        let producing = Fixture.order(in: .inProduction)
        let lastDay = try #require(producing.lastContactDate)
        let late = lastDay.adding(days: 2).startUTC.adding(seconds: 9 * 3_600)
        let logged = Fixture.apply(producing, .logContact(note: "called at last"), by: Fixture.supplier, at: late)
        #expect(logged.contactedLate && !logged.contactInTime)
        #expect(!logged.deadlines.contains { $0.kind == .contact })
        #expect(logged.nextDeadline?.kind == .shipping)
        // Nothing logged: it runs, and is overdue once the last day has passed.
        #expect(producing.deadlines.contains { $0.kind == .contact } && !producing.contactedLate)
    }
}
