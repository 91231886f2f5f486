import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// Issue 18: an order's history names the key behind an action, or the platform's reason.
struct HistoryAttributionTests {
    private func event(_ fields: [AuditEvent.Field], actor: String = "supplier:ningbo-homeware") -> AuditEvent {
        AuditEvent(actor: actor, action: "confirm", order: OrderCode(number: 1), fromState: .awaitingConfirmation, toState: .awaitingPayment,
                   at: Instant(secondsSinceEpoch: 0), payload: fields)
    }

    @Test func aKeysActionNamesTheKeyItsPartyAndFingerprint() {
        let fingerprint = "SHA256:3fQwJ9nR2sX1bY7kL0pZ4vC8mN6tH5gD2aE9uI1oK3w"
        let who = HistoryWords.who(event([.init(Attribution.keyField, fingerprint), .init(Attribution.keyNameField, "Sales desk 1")]))
        #expect(who == "Sales desk 1 (ningbo-homeware, SHA256:3fQwJ9nR2sX1…)")
    }

    @Test func thePlatformOnBehalfSaysForWhomAndWhy() {
        let who = HistoryWords.who(event([.init(Attribution.onBehalfField, "buyer confirmed by phone")], actor: "buyer:hanse"))
        #expect(who == "the platform on behalf of hanse (buyer), reason: buyer confirmed by phone")
    }

    @Test func anUnattributedEventReadsAsBefore() {
        #expect(HistoryWords.who(event([])) == "ningbo-homeware (seller)")
    }
}
