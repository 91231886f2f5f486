/// A moment in time: whole seconds since 1970-01-01T00:00:00Z. Stored in UTC; shown in the
/// reader's time zone by the UI. Seconds are enough for business deadlines and make every
/// instant exactly representable in SQLite and in audit events.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    public static func < (a: Instant, b: Instant) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    public static let secondsPerDay: Int64 = 86_400

    public func adding(days: Int) -> Instant { adding(seconds: Int64(days) * Instant.secondsPerDay) }
    public func adding(seconds: Int64) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    /// The UTC calendar day this instant falls on.
    public var utcDate: CalendarDate {
        let days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / Instant.secondsPerDay
            : -((-secondsSinceEpoch + Instant.secondsPerDay - 1) / Instant.secondsPerDay)
        return CalendarDate(daysSinceEpoch: Int(days))
    }

    /// ISO 8601 in UTC: "2026-11-27T09:30:00Z".
    public var iso8601: String {
        let day = utcDate
        let secondOfDay = secondsSinceEpoch - Int64(day.daysSinceEpoch) * Instant.secondsPerDay
        if (0...9999).contains(day.year) { return ISOText.format(day, secondOfDay: secondOfDay, zulu: true) }
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.iso)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    public var description: String { iso8601 }

    /// Parses "2026-11-27T09:30:00Z" (UTC only) or a bare date (its start, UTC).
    public static func parse(_ text: String) -> Instant? {
        if let date = try? CalendarDate.parse(text) { return date.startUTC }
        guard text.count == 20, text.hasSuffix("Z"), text.dropFirst(10).first == "T",
              let date = try? CalendarDate.parse(String(text.prefix(10))) else { return nil }
        let clock = text.dropFirst(11).dropLast().split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int64(clock[0]), let m = Int64(clock[1]), let s = Int64(clock[2]),
              (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s) else { return nil }
        return date.startUTC.adding(seconds: h * 3600 + m * 60 + s)
    }
}

/// A span of days or hours typed for the simulated clock: "7d", "12h", "30m", "2d12h".
public struct ClockStep: Hashable, Sendable {
    public let seconds: Int64

    public static func parse(_ text: String) throws(ClockStepError) -> ClockStep {
        var total: Int64 = 0
        var number = ""
        var sawUnit = false
        for character in text.lowercased() {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int64(number), !number.isEmpty else { throw .malformed(text) }
            let unit: Int64
            switch character {
            case "d": unit = 86_400
            case "h": unit = 3_600
            case "m": unit = 60
            default: throw .malformed(text)
            }
            guard value <= 36_500 else { throw .tooLarge }
            total += value * unit
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { throw .malformed(text) }
        guard total > 0 else { throw .notPositive }
        guard total <= 3_650 * 86_400 else { throw .tooLarge }
        return ClockStep(seconds: total)
    }
}

public enum ClockStepError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String), notPositive, tooLarge
    public var description: String {
        switch self {
        case let .malformed(text): return "\(TextRules.quoted(text)) is not a time step; write e.g. 7d, 12h, 30m or 2d12h."
        case .notPositive: return "The clock only moves forward; give a step greater than zero."
        case .tooLarge: return "A clock step is at most 3650 days."
        }
    }
}
