import TradeGuardCore

/// The extension requests and disputes a seeded life wrote, answered and resolved ones included:
/// the workflow keeps those rows (it updates them on the answer), so the seeder must write them
/// too or the replay check finds them missing. Read from the life's own events.
enum SeedHistory {
    struct Extension { var days: Int64, reason: String, requestedAt: Int64, answer: String?, answeredAt: Int64? }
    struct Dispute { var reason: String, amount: Int64, openedAt: Int64, fromState: String, refund: Int64?, resolvedAt: Int64? }

    static func rows(_ events: [AuditEvent], currency: Currency) -> (extensions: [Extension], disputes: [Dispute]) {
        var extensions: [Extension] = []
        var disputes: [Dispute] = []
        func money(_ e: AuditEvent, _ key: String) -> Int64 {
            (e.value(key).flatMap { try? AmountParser.parse($0, currency: currency, allowZero: true) })?.minorUnits ?? 0
        }
        for e in events {
            switch e.action {
            case OrderAction.requestExtension.rawValue:
                extensions.append(Extension(days: Int64(e.value("days") ?? "") ?? 0, reason: e.value("reason") ?? "",
                                            requestedAt: e.at.secondsSinceEpoch, answer: nil, answeredAt: nil))
            case OrderAction.acceptExtension.rawValue, OrderAction.declineExtension.rawValue:
                guard !extensions.isEmpty else { continue }
                extensions[extensions.count - 1].answer = e.action == OrderAction.acceptExtension.rawValue ? "accepted" : "declined"
                extensions[extensions.count - 1].answeredAt = e.at.secondsSinceEpoch
            case OrderAction.dispute.rawValue:
                disputes.append(Dispute(reason: e.value("reason") ?? "", amount: money(e, "amount"), openedAt: e.at.secondsSinceEpoch,
                                        fromState: e.fromState?.rawValue ?? "", refund: nil, resolvedAt: nil))
            case OrderAction.resolve.rawValue:
                guard !disputes.isEmpty else { continue }
                disputes[disputes.count - 1].refund = money(e, "refund")
                disputes[disputes.count - 1].resolvedAt = e.at.secondsSinceEpoch
            default:
                continue
            }
        }
        return (extensions, disputes)
    }
}
