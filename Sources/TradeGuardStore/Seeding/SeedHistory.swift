import TradeGuardCore

/// The extension requests a seeded life wrote, answered ones included: the workflow keeps those
/// rows (it updates them on the answer), so the seeder must write them too or the replay check
/// finds them missing. Read from the life's own events.
enum SeedHistory {
    struct Extension { var days: Int64, reason: String, requestedAt: Int64, answer: String?, answeredAt: Int64? }

    static func extensions(_ events: [AuditEvent]) -> [Extension] {
        var extensions: [Extension] = []
        for e in events {
            switch e.action {
            case OrderAction.requestExtension.rawValue:
                extensions.append(Extension(days: Int64(e.value("days") ?? "") ?? 0, reason: e.value("reason") ?? "",
                                            requestedAt: e.at.secondsSinceEpoch, answer: nil, answeredAt: nil))
            case OrderAction.acceptExtension.rawValue, OrderAction.declineExtension.rawValue:
                guard !extensions.isEmpty else { continue }
                extensions[extensions.count - 1].answer = e.action == OrderAction.acceptExtension.rawValue ? "accepted" : "declined"
                extensions[extensions.count - 1].answeredAt = e.at.secondsSinceEpoch
            default:
                continue
            }
        }
        return extensions
    }
}
