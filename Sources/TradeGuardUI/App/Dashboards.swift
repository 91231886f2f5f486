import TradeGuardCore
import TradeGuardStore

/// The Limits (seller) and Suppliers (buyer) tabs: read when shown and after any change.
final class DashboardModel {
    let lines: [(text: String, role: Role)]
    var top = 0

    init(lines: [(String, Role)]) { self.lines = lines }

    func scroll(by delta: Int, visible: Int) { top = max(0, min(top + delta, max(0, lines.count - visible))) }

    /// The seller's limit: a bar, the formula term by term, what holds it, how it moved.
    static func limits(_ store: Store, _ party: PartyRecord, time: TimeFormat, width: Int) throws -> DashboardModel {
        let summary = try store.limitSummary(party.handle)
        var out: [(String, Role)] = []
        func field(_ label: String, _ value: String, _ role: Role = .normal) { out.append((DisplayWidth.pad(label, to: 22) + value, role)) }
        let p = party.party
        if p.isSuspended {
            out.append(("Credit protection SUSPENDED: \(p.violationPoints) violation points (48 or more suspend it).", .statusDanger))
        } else if case let .active(since) = p.activation {
            out.append(("Trade Assurance badge: protection active since \(time.date(since)).", .statusOK))
        } else {
            out.append(("Credit protection is not activated: press A to turn it on and get a limit.", .statusWarn))
        }
        out.append(("", .normal))
        let barWidth = max(10, min(60, width - 30))
        let granted = summary.granted.minorUnits
        let filled = granted == 0 ? 0 : Int((Double(min(summary.reserved.minorUnits, granted)) / Double(granted) * Double(barWidth)).rounded(.down))
        out.append(("[" + String(repeating: "=", count: filled) + String(repeating: "-", count: barWidth - filled) + "]  = reserved, - available", .money))
        field("Granted", summary.granted.description, .money)
        field("Reserved by orders", summary.reserved.description, .money)
        field("Available", summary.available.description, summary.available.isZero ? .statusWarn : .money)
        if let r = summary.latest {
            out.append(("", .normal))
            out.append(("Why the limit is \(r.granted) (recomputed \(time.dateTime(r.at)): \(r.reason))", .header))
            let verification: String
            switch p.verification {
            case .none: verification = "5,000 for activating; no verification yet"
            case .licence: verification = "5,000 for activating + 5,000 licence verified"
            case .onsite: verification = "5,000 for activating + 5,000 licence + 15,000 on-site verified"
            }
            field("Base", "\(r.base)  (\(verification))")
            field("Tenure", "\(r.tenure)  (1,000 for each of \(r.memberYears) whole years as member, at most 10,000)")
            field("Volume", "\(r.volume)  (half of \(r.closedValue) closed in the last 180 days)")
            field("Orders", "\(r.count)  (2,000 for each of \(r.closedCount) closed orders, at most 100)")
            field("Penalty", "\(r.penaltyPercent)%  (100 minus 2 for each of \(r.violationPoints) violation points)")
            field("Granted", "\(r.granted)  (rounded down to 1,000, at most US$1,000,000.00)", .money)
        }
        let held = try store.heldReservations(party.handle)
        out.append(("", .normal))
        out.append(("Orders holding the limit (newest first)", .header))
        if held.isEmpty { out.append(("none", .muted)) }
        for r in held {
            out.append((DisplayWidth.pad(r.code.text, to: 12) + DisplayWidth.pad(r.buyerName, to: 28) + DisplayWidth.pad(Words.state(r.state).0, to: 18)
                        + DisplayWidth.pad(r.covered.description, to: 16, alignRight: true), .normal))
        }
        let leads = try store.leadTimes(party.handle)
        out.append(("", .normal))
        out.append(("Lead time, order confirmed to goods received (latest closed orders)", .header))
        for lead in leads {
            out.append(("\(lead.kind == .rts ? "Ready to ship" : "Custom"): \(lead.averageDays) days over \(lead.orders) orders", .normal))
        }
        if leads.isEmpty { out.append(("no closed orders yet", .muted)) }
        out.append(("Baseline without protection: about 90 days (the real service's published figure).", .muted))
        let history = try store.limitHistory(party.handle, limit: 6)
        out.append(("", .normal))
        out.append(("Recent recomputes", .header))
        for r in history {
            out.append((time.dateTime(r.at) + "  " + DisplayWidth.pad(r.granted.description, to: 16, alignRight: true) + "  " + r.reason, .normal))
        }
        return DashboardModel(lines: out)
    }

    /// The buyer's suppliers with open orders: badge, available limit, covered and uncovered.
    static func suppliers(_ store: Store, _ party: PartyRecord) throws -> DashboardModel {
        let exposures = try store.supplierExposures(party.handle)
        var out: [(String, Role)] = [
            ("Suppliers you have open orders with", .header),
            (DisplayWidth.pad("Supplier", to: 34) + DisplayWidth.pad("Protection", to: 12) + DisplayWidth.pad("Limit free", to: 16, alignRight: true)
             + DisplayWidth.pad("Open", to: 6, alignRight: true) + DisplayWidth.pad("Covered", to: 16, alignRight: true)
             + DisplayWidth.pad("Uncovered", to: 16, alignRight: true), .muted),
        ]
        if exposures.isEmpty { out.append(("No open orders: suppliers appear here once a contract is confirmed.", .muted)) }
        for e in exposures {
            let s = e.supplier.party
            let badge = s.isSuspended ? "suspended" : s.activation.isActive ? "active" : "none"
            out.append((DisplayWidth.pad(e.supplier.name, to: 33) + " " + DisplayWidth.pad(badge, to: 12)
                        + DisplayWidth.pad(e.supplier.position.available.description, to: 16, alignRight: true)
                        + DisplayWidth.pad(String(e.openOrders), to: 6, alignRight: true)
                        + DisplayWidth.pad(e.covered.description, to: 16, alignRight: true)
                        + DisplayWidth.pad(e.uncovered.description, to: 16, alignRight: true),
                        e.uncovered.isPositive ? .moneyUncovered : s.isSuspended ? .statusDanger : .normal))
        }
        out.append(("", .normal))
        out.append(("Covered amounts are protected up to the supplier's limit reserved at confirmation; uncovered amounts are not.", .muted))
        return DashboardModel(lines: out)
    }
}

enum DashboardScreen {
    static func draw(_ canvas: inout Canvas, _ dashboard: DashboardModel, top: Int, height: Int) {
        for (i, line) in dashboard.lines.dropFirst(dashboard.top).prefix(height).enumerated() {
            canvas.put(line.text, row: top + i, col: 2, role: line.role, width: canvas.cols - 3)
        }
    }
}
