import TradeGuardApplication
import TradeGuardCore

/// The detail's lines for changes after confirmation: the proposal waiting for an answer with
/// its term-by-term diff (both parties see the same lines), and the extension ledger with its
/// warning from the second shipping extension on.
enum DetailChanges {
    typealias Line = DetailScreen.Line

    /// "Change 2 proposed by the supplier, waiting for the buyer", its reason and diff.
    static func pending(_ o: Order, time: TimeFormat, width: Int) -> [Line] {
        guard let a = o.pendingAmendment else { return [] }
        var out: [Line] = [[], [("Change \(a.number) proposed by the \(a.proposedBy.rawValue), waiting for the \(a.answeredBy.rawValue)", .header)]]
        out.append([("Proposed \(time.dateTime(a.proposedAt))  ", .muted), ("reason: ", .muted), (Sanitizer.clean(a.reason), .normal)])
        for change in o.differences(of: a) {
            for (i, line) in TextWrap.lines(Sanitizer.clean(change), width: width - 4).enumerated() {
                out.append([(i == 0 ? "• " : "  ", .statusWarn), (line, .normal)])
            }
        }
        // The keys come from the catalogue, so this line follows any change of key.
        let accept = ActionCatalogue.entry(for: .acceptChange).key.map(String.init) ?? "-"
        let reject = ActionCatalogue.entry(for: .rejectChange).key.map(String.init) ?? "-"
        out.append([("Accepting makes it contract version \(o.contractVersion + 1); the \(a.answeredBy.rawValue) accepts (\(accept)) or rejects (\(reject)).", .muted)])
        return out
    }

    /// Every extension: reason, who asked, who agreed, the running total against its cap.
    static func ledger(_ o: Order, time: TimeFormat) -> [Line] {
        let ledger = ExtensionLedger(o)
        guard !ledger.entries.isEmpty else { return [] }
        var out: [Line] = [[], [("Extension ledger", .header)]]
        if let warning = ledger.warning { out.append([("Warning: ", .statusWarn), (warning, .statusWarn)]) }
        for e in ledger.entries {
            let when = e.at.map { time.dateTime($0) } ?? "receipt window"
            let agreed: String = switch e.status {
            case .granted: e.agreedBy.map { "agreed by the \($0.rawValue)" } ?? "a party's own right"
            case .pending: "waiting for the buyer"
            case .declined: "declined by the buyer"
            }
            let role: Role = e.status == .declined ? .muted : e.status == .pending ? .statusWarn : .normal
            out.append([(DisplayWidth.pad(when, to: 18), .muted), ("+\(e.days) d \(e.kind.rawValue)", role),
                        ("  \(e.runningTotal) of \(e.cap) days  asked by the \(e.askedBy.rawValue), \(agreed)", .muted)])
            if !e.reason.isEmpty { out.append([(String(repeating: " ", count: 18), .muted), (Sanitizer.clean(e.reason), .normal)]) }
        }
        return out
    }
}
