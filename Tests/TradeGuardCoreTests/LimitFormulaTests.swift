import Testing
@testable import TradeGuardCore

/// Worked examples of the limit formula, computed by hand from DESIGN §3.
struct LimitFormulaTests {
    static let asOf = try! CalendarDate.parse("2026-11-27")
    static func usd(_ dollars: Int64) -> Money { Money(minorUnits: dollars * 100, currency: .usd) }

    func inputs(activated: Bool = true, verification: VerificationLevel = .onsite, since: String = "2019-03-01",
                closed: Int64 = 120_000, count: Int = 12, points: Int = 0) -> LimitFormula.Inputs {
        .init(activated: activated, verification: verification, memberSince: try! CalendarDate.parse(since), asOf: Self.asOf,
              closedValueUSD: Self.usd(closed), closedCount: count, violationPoints: points)
    }

    @Test func establishedOnSiteVerifiedSupplier() {
        // base 25,000 + tenure 7 × 1,000 + volume 60,000 + count 12 × 2,000 = 116,000
        let b = LimitFormula.compute(inputs())
        #expect(b.base == Self.usd(25_000) && b.tenure == Self.usd(7_000))
        #expect(b.volume == Self.usd(60_000) && b.count == Self.usd(24_000))
        #expect(b.penaltyPercent == 100 && b.status == .active)
        #expect(b.granted == Self.usd(116_000) && !b.capped)
    }

    @Test func violationPointsReduceAndRoundDown() {
        // 116,000 × 80% = 92,800 → 92,000
        #expect(LimitFormula.compute(inputs(points: 10)).granted == Self.usd(92_000))
        // 116,000 × 6% = 6,960 → 6,000
        #expect(LimitFormula.compute(inputs(points: 47)).granted == Self.usd(6_000))
        let suspended = LimitFormula.compute(inputs(points: 48))
        #expect(suspended.status == .suspended && suspended.granted == Self.usd(0))
    }

    @Test func capAtOneMillion() {
        // 25,000 + 7,000 + 1,500,000 + 100 × 2,000 = 1,732,000 → 1,000,000
        let b = LimitFormula.compute(inputs(closed: 3_000_000, count: 150))
        #expect(b.count == Self.usd(200_000))
        #expect(b.granted == Self.usd(1_000_000) && b.capped)
    }

    @Test func newAndInactiveSuppliers() {
        let new = LimitFormula.compute(inputs(verification: .none, since: "2026-10-01", closed: 0, count: 0))
        #expect(new.granted == Self.usd(5_000))
        let licence = LimitFormula.compute(inputs(verification: .licence, since: "2026-10-01", closed: 0, count: 0))
        #expect(licence.granted == Self.usd(10_000))
        let inactive = LimitFormula.compute(inputs(activated: false))
        #expect(inactive.status == .notActivated && inactive.granted == Self.usd(0))
        // Tenure stops at 10 years: member since 2000 = 26 years → 10,000.
        #expect(LimitFormula.compute(inputs(since: "2000-01-01")).tenure == Self.usd(10_000))
    }

    @Test func volumeHalvesExactCents() {
        var i = inputs(verification: .none, since: "2026-10-01", count: 0)
        i.closedValueUSD = Money(minorUnits: 200_101, currency: .usd)   // US$2,001.01 → 1,000.50
        #expect(LimitFormula.compute(i).volume.minorUnits == 100_050)
        // 5,000 + 1,000.50 = 6,000.50 → 6,000
        #expect(LimitFormula.compute(i).granted == Self.usd(6_000))
    }

    @Test func availableNeverNegative() {
        let position = LimitPosition(granted: Self.usd(10_000), reserved: Self.usd(12_000))
        #expect(position.available == Self.usd(0))
        #expect(LimitPosition(granted: Self.usd(10_000), reserved: Self.usd(2_500)).available == Self.usd(7_500))
    }
}
