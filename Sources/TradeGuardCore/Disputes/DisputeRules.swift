/// The numbers of a dispute (rules-2026 §1.5).
public enum DisputeRules {
    /// Days the answering party has for each proposal or request (ours: the "say 5").
    public static let answerDays = 5
    /// Working days the supplier has to refund an agreed or decided amount [F].
    public static let refundWorkingDays = 7

    /// The last day of a refund that starts on `day`: `refundWorkingDays` working days later,
    /// Saturdays and Sundays not counted.
    public static func refundDue(from day: CalendarDate) -> CalendarDate {
        var date = day
        var left = refundWorkingDays
        while left > 0 {
            date = date.adding(days: 1)
            if !isWeekend(date) { left -= 1 }
        }
        return date
    }

    /// 1970-01-01 was a Thursday.
    static func isWeekend(_ date: CalendarDate) -> Bool {
        let weekday = ((date.daysSinceEpoch + 4) % 7 + 7) % 7   // 0 Sunday … 6 Saturday
        return weekday == 0 || weekday == 6
    }
}

/// Violation points for the supplier by dispute kind and outcome. The serious kind (no delivery
/// after payment) follows rule 3310 [F]: 6 points when the parties resolve it, 48 when it goes
/// unresolved to the platform and the platform finds for the buyer. Quality and damage disputes
/// are not in that rule's table; ours [D]: none when agreed, 6 when the platform finds for the
/// buyer. A claim the buyer drops, or the platform rejects, scores nothing.
public enum PenaltyTable {
    public static let seriousResolved = 6
    public static let seriousUnresolved = 48
    public static let otherUnresolved = 6

    public static func points(kind: DisputeKind, how: DisputeOutcome.How, remedy: Remedy?) -> Int {
        guard let remedy, remedy.kind != .noRemedy else { return 0 }
        switch how {
        case .agreed: return kind.isSerious ? seriousResolved : 0
        case .decided: return kind.isSerious ? seriousUnresolved : otherUnresolved
        case .withdrawn, .lapsed: return 0
        }
    }
}

/// Points a decision gives a party, for the store to add and recompute the limit with.
public struct PenaltyAssessment: Hashable, Sendable {
    public let party: Handle
    public let points: Int

    public init(party: Handle, points: Int) {
        self.party = party
        self.points = points
    }
}
