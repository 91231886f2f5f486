import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Replay's shortcuts answer exactly as the general code they stand in for.
struct ReplayFastPathTests {
    @Test func rateDatesAsCalendarDateParse() {
        for text in ["2026-11-27", "2024-02-29", "2025-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "9999-12-31",
                     "2026-1-27", "2026-11-2a", "2026/11/27", " 2026-11-27", "2026-11-27 ", "", "２０２６-11-27", "20261-1-27"] {
            #expect(ReplayCommand.date(text) == (try? CalendarDate.parse(text)), "\(text)")
        }
    }

    @Test func byteComparisonAsStringEquality() {
        for (a, b) in [("", ""), ("a", "a"), ("a", "b"), ("ab", "a"), ("é", "é"), ("déjà vu", "déjà vu"), ("x", "")] {
            let equal = Array(b.utf8).withUnsafeBytes { ByteCompare.equal(a, $0) }
            #expect(equal == (Array(a.utf8) == Array(b.utf8)), "\(a) / \(b)")
        }
    }
}
