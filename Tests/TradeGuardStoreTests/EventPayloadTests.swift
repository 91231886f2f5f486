import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Payloads are decoded for every event shown and every event `check` re-hashes: what `encode`
/// wrote must come back exactly, and anything else must be refused.
struct EventPayloadTests {
    @Test(arguments: [
        [],
        [AuditEvent.Field("total", "1234.50")],
        [AuditEvent.Field("note", "Müller said \"ok\" \\ fine"), AuditEvent.Field("reason", "line\nbreak\ttab\rcr")],
        [AuditEvent.Field("ctl", "a\u{1}b\u{7F}c\u{1B}[31m"), AuditEvent.Field("cjk", "不锈钢保温杯 タオル 👍🏽 e\u{301}")],
    ])
    func whatIsEncodedDecodesExactly(_ fields: [AuditEvent.Field]) {
        let text = EventPayload.encode(fields)
        #expect(EventPayload.decode(text) == fields)
    }

    @Test(arguments: [
        "", "{", "}", "{}x", "{\"a\"}", "{\"a\":}", "{\"a\":\"b\"", "{\"a\":\"b\",}", "{\"a\":\"b\\q\"}",
        "{\"a\":\"\\u00\"}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"\\uD800\"}", "{\"a\":\"b\"} ", "[\"a\",\"b\"]",
    ])
    func anythingElseIsRefused(_ text: String) {
        #expect(EventPayload.decode(text) == nil)
    }
}
