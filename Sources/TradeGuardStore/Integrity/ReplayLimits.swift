import TradeGuardCore

/// A recompute re-derived from its own inputs through `LimitFormula` (the code that computed
/// it): an event whose terms do not follow from the inputs it records was not written by the app.
enum ReplayLimits {
    /// The first term (column name, recorded, derived) that does not follow from the inputs of
    /// a recompute row in `LimitKeeper.eventColumns` order; nil when all do.
    static func difference(_ row: [Value]) -> (column: String, recorded: Value, derived: Value)? {
        guard row.count == LimitKeeper.eventColumns.count, case let .text(status) = row[3], case let .text(level) = row[4],
              let verification = VerificationLevel(rawValue: level), case let .int(years) = row[5], (0...200).contains(years),
              case let .int(value) = row[6], case let .int(count) = row[7], case let .int(points) = row[8],
              let asOf = try? CalendarDate(year: 2200, month: 1, day: 1),
              let since = try? CalendarDate(year: 2200 - Int(years), month: 1, day: 1) else {
            return ("status", row.count > 3 ? row[3] : .null, .text("a readable recompute"))
        }
        // Member since exactly `years` whole years before the day of the recompute.
        let b = LimitFormula.compute(LimitFormula.Inputs(activated: status != LimitFormula.Status.notActivated.rawValue, verification: verification,
                                                         memberSince: since, asOf: asOf, closedValueUSD: Money(minorUnits: value, currency: .usd),
                                                         closedCount: Int(count), violationPoints: Int(points)))
        let derived: [(Int, Value)] = [(3, .text(b.status.rawValue)), (9, .int(b.base.minorUnits)), (10, .int(b.tenure.minorUnits)),
                                       (11, .int(b.volume.minorUnits)), (12, .int(b.count.minorUnits)), (13, .int(Int64(b.penaltyPercent))),
                                       (14, .int(b.granted.minorUnits))]
        for (index, value) in derived where row[index] != value {
            return (LimitKeeper.eventColumns[index], row[index], value)
        }
        return nil
    }
}
