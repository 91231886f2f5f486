import TradeGuardCore
import TradeGuardStore

/// The Limits (seller) and Suppliers (buyer) tabs: read when first shown and after any change.
final class DashboardModel {
    let lines: [(text: String, role: Role)]
    var top = 0

    /// Lines wider than the screen wrap, continuing under the value column, so no explanation
    /// is cut off on a narrow terminal.
    init(lines: [(String, Role)], width: Int = .max) {
        let room = max(20, width - 3)
        var out: [(String, Role)] = []
        for (text, role) in lines {
            guard DisplayWidth.of(text) > room else { out.append((text, role)); continue }
            // The label column (22 wide) stays as it is; the rest wraps beneath itself.
            let indent = String(repeating: " ", count: 22)
            let (head, _) = DisplayWidth.prefix(text, fitting: 22)
            let pieces = Wrap.lines(String(text.dropFirst(head.count)), width: room - indent.count)
            for (i, piece) in pieces.enumerated() { out.append(((i == 0 ? head : indent) + piece, role)) }
        }
        self.lines = out
    }

    func scroll(by delta: Int, visible: Int) { top = max(0, min(top + delta, max(0, lines.count - visible))) }

    /// The seller's limit: a bar, the formula term by term, what holds it, how it moved.
    /// `activateKey` is the key bound to turning protection on, named where it is not on yet.
    static func limits(_ store: Store, _ party: PartyRecord, time: TimeFormat, width: Int, activateKey: String) throws -> DashboardModel {
        let summary = try store.limitSummary(party.handle)
        var out: [(String, Role)] = []
        func field(_ label: String, _ value: String, _ role: Role = .normal) { out.append((DisplayWidth.pad(label, to: 22) + value, role)) }
        let p = party.party
        if p.isSuspended {
            out.append(("Credit protection SUSPENDED: \(p.violationPoints) violation points (48 or more suspend it).", .statusDanger))
        } else if case let .active(since) = p.activation {
            out.append(("Trade Assurance badge: protection active since \(time.date(since)).", .statusOK))
        } else {
            out.append(("Credit protection is not activated: press \(activateKey) to turn it on and get a limit.", .statusWarn))
        }
        out.append(("", .normal))
        let barWidth = max(10, min(60, width - 30))
        let granted = summary.granted.minorUnits
        let filled = granted == 0 ? 0 : Int((Double(min(summary.reserved.minorUnits, granted)) / Double(granted) * Double(barWidth)).rounded(.down))
        out.append(("[" + String(repeating: "=", count: filled) + String(repeating: "-", count: barWidth - filled) + "]  = reserved, - available", .money))
        field("Granted", summary.granted.description, .money)
        field("Reserved by orders", summary.reserved.description, .money)
        field("Available", summary.available.description, summary.available.isZero ? .statusWarn : .money)
        if !p.activation.isActive {
            // Nothing is granted yet: no base to explain, only what activating would start from.
            out.append(("", .normal))
            out.append(("Why the limit is \(summary.granted): credit protection is not activated", .header))
            field("Base", "none yet  (activating grants 5,000; a verified licence adds 5,000, an on-site check 15,000 more)")
            field("Then", "tenure, closed orders and their volume add to it; violation points take a share off")
        } else if let r = summary.latest {
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
        return DashboardModel(lines: out, width: width)
    }

    /// The buyer's suppliers with open orders: badge, available limit, covered and uncovered.
    /// Narrow terminals put the badge and limit on a second line.
    static func suppliers(_ store: Store, _ party: PartyRecord, width: Int) throws -> DashboardModel {
        let exposures = try store.supplierExposures(party.handle)
        let wide = width >= 110
        let nameWidth = max(16, width - (wide ? 28 : 0) - 6 - 16 - 16 - 4)
        func row(_ name: String, _ badge: String, _ limit: String, _ open: String, _ covered: String, _ uncovered: String) -> String {
            DisplayWidth.pad(name, to: nameWidth - 1) + " " + (wide ? DisplayWidth.pad(badge, to: 12) + DisplayWidth.pad(limit, to: 16, alignRight: true) : "")
                + DisplayWidth.pad(open, to: 6, alignRight: true) + DisplayWidth.pad(covered, to: 16, alignRight: true)
                + DisplayWidth.pad(uncovered, to: 16, alignRight: true)
        }
        var out: [(String, Role)] = [("Suppliers you have open orders with", .header),
                                     (row("Supplier", "Protection", "Limit free", "Open", "Covered", "Uncovered"), .muted)]
        if exposures.isEmpty { out.append(("No open orders: suppliers appear here once a contract is confirmed.", .muted)) }
        for e in exposures {
            let s = e.supplier.party
            let badge = s.isSuspended ? "suspended" : s.activation.isActive ? "active" : "none"
            let role: Role = e.uncovered.isPositive ? .moneyUncovered : s.isSuspended ? .statusDanger : .normal
            out.append((row(e.supplier.name, badge, e.supplier.position.available.description, String(e.openOrders),
                            e.covered.description, e.uncovered.description), role))
            if !wide {
                out.append(("  protection \(badge) · limit free \(e.supplier.position.available)", s.isSuspended ? .statusDanger : .muted))
            }
        }
        out.append(("", .normal))
        out.append(("Covered amounts are protected up to the limit reserved at confirmation; uncovered ones are not.", .muted))
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
