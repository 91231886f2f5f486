import Foundation
import TradeGuardCore
#if canImport(Glibc)
import Glibc
#endif

/// How times read on screen: local time of the reader (injected, so tests are stable), ISO dates,
/// and deadlines as words — never colour alone.
public struct TimeFormat: Sendable {
    /// Seconds east of UTC at an instant (the local time zone in production).
    let offset: @Sendable (Instant) -> Int

    public init(offset: @escaping @Sendable (Instant) -> Int) { self.offset = offset }

    public static let utc = TimeFormat { _ in 0 }
    /// The C library's local time (honours TZ like every other program): Foundation's TimeZone
    /// loads ICU's zone data on first use, a tenth of the app's start-up.
    public static let local = TimeFormat { instant in
        var seconds = time_t(instant.secondsSinceEpoch)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return 0 }
        return Int(parts.tm_gmtoff)
    }

    /// "2026-11-27 09:30" in the reader's zone.
    public func dateTime(_ instant: Instant) -> String {
        let shifted = instant.adding(seconds: Int64(offset(instant)))
        let day = shifted.utcDate
        if (0...9999).contains(day.year) {
            return ISOText.format(day, secondOfDay: shifted.secondsSinceEpoch - Int64(day.daysSinceEpoch) * Instant.secondsPerDay)
        }
        let iso = shifted.iso8601   // "2026-11-27T09:30:00Z"
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5))
    }

    public func date(_ instant: Instant) -> String { String(dateTime(instant).prefix(10)) }

    /// "in 3d", "in 5h", "in 20m", "overdue 2d", with the role that goes with it.
    public static func countdown(to due: Instant, from now: Instant) -> (text: String, role: Role) {
        let seconds = due.secondsSinceEpoch - now.secondsSinceEpoch
        let magnitude = abs(seconds)
        let span = magnitude >= 86_400 ? "\(magnitude / 86_400)d" : magnitude >= 3_600 ? "\(magnitude / 3_600)h" : "\(max(1, magnitude / 60))m"
        if seconds <= 0 { return ("overdue \(span)", .deadlineOverdue) }
        return ("in \(span)", seconds <= 3 * 86_400 ? .deadlineSoon : .normal)
    }

    /// As `countdown`, except that a protection window which has ended is not "overdue": nobody
    /// is late (the sweep closes the order, or it stays open while its balance is owed).
    public static func countdown(_ kind: DeadlineKind, to due: Instant, from now: Instant) -> (text: String, role: Role) {
        let passed = countdown(to: due, from: now)
        guard kind == .protection, now >= due else { return passed }
        return ("ended " + passed.text.dropFirst("overdue ".count) + " ago", .muted)
    }
}

enum Words {
    /// State words with the role that colours them; the word itself always carries the meaning.
    static func state(_ state: OrderState) -> (String, Role) {
        switch state {
        case .draft: return ("Draft", .muted)
        case .awaitingConfirmation: return ("Awaiting confirm", .statusWarn)
        case .awaitingPayment: return ("Awaiting payment", .statusWarn)
        case .advancePaid: return ("Advance paid", .statusOK)
        case .inProduction: return ("In production", .statusOK)
        case .readyToShip: return ("Ready to ship", .statusOK)
        case .shipped: return ("Shipped", .statusOK)
        case .completed: return ("Completed", .statusOK)
        case .closed: return ("Closed", .muted)
        case .cancelled: return ("Cancelled", .muted)
        case .disputed: return ("Disputed", .statusDanger)
        case .refunded: return ("Refunded", .statusDanger)
        }
    }

    static func side(_ kind: PartyKind) -> String {
        switch kind {
        case .supplier: return "Seller"
        case .buyer: return "Buyer"
        case .platform: return "Platform"
        }
    }

    static func number(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
