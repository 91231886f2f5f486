/// A calendar day (proleptic Gregorian), written as ISO `2026-11-27`. Used for dates people
/// agree on in a contract: a fixed shipping date, an expected delivery, membership start.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validated construction: refuses impossible dates such as 2026-02-30.
    public init(year: Int, month: Int, day: Int) throws(DateError) {
        guard (1...9999).contains(year) else { throw .outOfRange }
        guard (1...12).contains(month) else { throw .impossible("month \(month) does not exist") }
        let length = CalendarDate.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            throw .impossible("\(CalendarDate.monthNames[month - 1]) \(year) has \(length) days")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` after 1970-01-01 (negative before). Howard Hinnant's civil_from_days.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01. Hinnant's days_from_civil.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Whole days from self to other (positive when other is later).
    public func days(until other: CalendarDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// Whole years from self to `later` (anniversaries passed).
    public func wholeYears(until later: CalendarDate) -> Int {
        guard later > self else { return 0 }
        var years = later.year - year
        if (later.month, later.day) < (month, day) { years -= 1 }
        return max(0, years)
    }

    /// 00:00:00 UTC on this day.
    public var startUTC: Instant { Instant(secondsSinceEpoch: Int64(daysSinceEpoch) * Instant.secondsPerDay) }

    public var iso: String {
        if (0...9999).contains(year) { return ISOText.format(self) }
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    /// Strict ISO `YYYY-MM-DD`; refuses other shapes and impossible days with a precise reason.
    public static func parse(_ text: String) throws(DateError) -> CalendarDate {
        let trimmed = text.trimmingSpaces()
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { throw .malformed(trimmed) }
        return try CalendarDate(year: y, month: m, day: d)
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
}

public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String), impossible(String), outOfRange

    public var description: String {
        switch self {
        case let .malformed(text): return "\(TextRules.quoted(text)) is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27."
        case let .impossible(why): return "That date does not exist: \(why)."
        case .outOfRange: return "The year must be between 0001 and 9999."
        }
    }
}
