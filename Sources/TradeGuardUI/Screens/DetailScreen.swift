import TradeGuardCore
import TradeGuardStore

/// The read-only order detail: parties, money and coverage, shipping, lines, deadlines,
/// checklist, payments and the audit trail — laid out as lines and scrolled.
enum DetailScreen {
    typealias Line = [(String, Role)]

    static func draw(_ canvas: inout Canvas, _ detail: OrderDetailModel, time: TimeFormat, now: Instant, top: Int, height: Int) {
        let all = lines(detail, time: time, now: now, width: canvas.cols)
        for (i, line) in all.dropFirst(detail.top).prefix(height).enumerated() {
            var x = 1
            for (text, role) in line { x = canvas.put(text, row: top + i, col: x, role: role) }
        }
        if all.count > height {
            let marker = "lines \(detail.top + 1)-\(min(all.count, detail.top + height)) of \(all.count) "
            canvas.put(marker, row: top, col: canvas.cols - DisplayWidth.of(marker), role: .muted)
        }
    }

    /// The detail's lines, laid out once per order version, width and "now": scrolling and
    /// every redraw reuse them.
    static func lines(_ detail: OrderDetailModel, time: TimeFormat, now: Instant, width: Int) -> [Line] {
        if let cached = detail.laidOut, cached.width == width, cached.now == now { return cached.lines }
        let lines = layOut(detail, time: time, now: now, width: width)
        detail.laidOut = (width, now, lines)
        return lines
    }

    private static func layOut(_ detail: OrderDetailModel, time: TimeFormat, now: Instant, width: Int) -> [Line] {
        let o = detail.order
        let c = o.contract
        var out: [Line] = []
        func add(_ parts: (String, Role)...) { out.append(parts) }
        func field(_ label: String, _ value: String, _ role: Role = .normal) { add((DisplayWidth.pad(label, to: 20), .muted), (value, role)) }
        func section(_ title: String) { out.append([]); add((title, .header)) }

        let state = Words.state(o.state)
        add((o.code.text + "  ", .header), (state.0, state.1), ("  version \(o.version)", .muted))
        field("Supplier", o.supplier.value)
        field("Buyer", o.buyer.value)
        field("Drafted by", o.initiator == .supplier ? "the supplier" : "the buyer")
        field("Kind", c.kind == .rts ? "ready to ship" : "custom")
        if let reason = o.lastReason { field("Last reason", reason, .statusWarn) }
        if o.contractVersion > 1 { field("Contract", "version \(o.contractVersion): changed after confirmation (see History)") }
        out += DetailChanges.pending(o, time: time, width: width)
        out += DisputeLines.lines(o, time: time, width: width, platform: detail.viewer.kind == .platform)

        section("Money")
        func amounts(_ label: String, _ values: [String], _ note: String, _ role: Role) {
            add((DisplayWidth.pad(label, to: 20), .muted),
                (values.map { DisplayWidth.pad($0, to: 15, alignRight: true) }.joined(separator: " "), role), ("  " + note, .muted))
        }
        amounts("", ["amount", "paid", "outstanding"], "", .muted)
        amounts("Total", [o.total.description, o.paidTotal.description, ""], "", .money)
        amounts("Advance", [o.advanceAmount.description, o.paid(.advance).description, o.outstanding(.advance).description], "",
                o.outstanding(.advance).isPositive && o.state != .draft ? .statusWarn : .money)
        amounts("Balance", [o.balanceAmount.description, o.paid(.balance).description, o.outstanding(.balance).description], "", .money)
        field("Balance due", c.balanceDue == .beforeShipment ? "before shipment" : "after shipment")
        if let coverage = o.coverage {
            let rate = o.currency == .usd ? "" : " at \(coverage.rate.decimalString) \(o.currency.code) per USD"
            field("Covered", "\(coverage.covered) of \(coverage.totalUSD)\(rate)", .money)
            // Only a live order's uncovered part is a risk; a finished one's is history.
            field("Uncovered", coverage.uncovered.description, coverage.uncovered.isPositive && !o.state.isTerminal ? .moneyUncovered : .money)
        } else {
            field("Coverage", "fixed when the contract is confirmed", .muted)
        }
        if let link = o.paymentLink { field("Payment link", link.masked) }

        section("Shipping")
        field("Incoterm", "\(c.incoterm.rawValue) \(c.namedPlace)")
        field("Method", c.shippingMethod.rawValue)
        field("Ship", c.shipDate.summary + (o.lastShipDate.map { " (last day \($0.iso))" } ?? ""))
        if o.extensionDays > 0 { field("Extensions", "\(o.extensionDays) days accepted") }
        if let pending = o.pendingExtension { field("Extension asked", "\(pending.days) days: \(pending.reason)", .statusWarn) }
        field("Expected delivery", o.expectedDelivery?.iso ?? "after the advance is paid")
        field("Destination", c.destination)
        field("Freight, insurance", "\(c.freight), \(c.insurance)")
        if let shipment = o.shipment { field("Shipped", "\(time.dateTime(shipment.at)) with \(shipment.carrier), tracking \(shipment.tracking)") }
        if c.guaranteedDate { field("Guaranteed date", "yes: dispatch time and route cannot change") }
        out += DetailChanges.ledger(o, time: time)

        section("Lines")
        for (n, line) in c.lines.enumerated() {
            add(("\(n + 1). ", .muted), (line.description, .normal), ("  \(line.quantity) \(line.unit) at \(line.unitPrice)", .muted))
            if !line.quality.isEmpty { add(("   quality: \(line.quality)\(line.inspectionRequired ? " (inspection required)" : "")", .muted)) }
        }

        if !c.remarks.isEmpty {
            section("Remarks")
            for line in TextWrap.lines(Sanitizer.clean(multiline: c.remarks), width: width - 2) { add((line, .normal)) }
        }

        section("Deadlines")
        if o.deadlines.isEmpty { add(("none running", .muted)) }
        for deadline in o.deadlines {
            let (countdown, role) = TimeFormat.countdown(deadline.kind, to: deadline.due, from: now)
            add((DisplayWidth.pad(deadline.kind.title, to: 20), .muted), ("\(time.dateTime(deadline.due))  \(countdown)", role),
                ("  (\(deadline.kind.consequence))", .muted))
        }
        if o.contactedLate, let first = o.contacts.first {
            add(("Buyer contacted late: logged \(time.dateTime(first.at)), due by \(o.lastContactDate?.iso ?? "?")", .statusWarn))
        } else if o.contactLate(at: now) {
            add(("Buyer contact is late: it was due by \(o.lastContactDate?.iso ?? "?")", .deadlineOverdue))
        }

        if [.inProduction, .readyToShip, .shipped, .completed, .closed].contains(o.state) || !o.checklist.isEmpty {
            section("Pre-delivery checklist (\(ChecklistItem.allCases.count - o.missingChecklistItems.count) of \(ChecklistItem.allCases.count) done)")
            for item in ChecklistItem.allCases {
                if let done = o.checklistDone(item) {
                    let late: Bool = { if case .contactLogged(_, true) = done { return true } else { return false } }()
                    add(("[x] ", late ? .statusWarn : .statusOK), (item.title, .normal),
                        ("  " + [done.by, time.dateTime(done.at), done.note].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "), .muted))
                } else {
                    add(("[ ] ", .statusWarn), (item.title, .normal))
                }
            }
        }

        if !o.contacts.isEmpty {
            section("Buyer contacts")
            for contact in o.contacts {
                add((time.dateTime(contact.at) + "  ", .muted), ("logged by \(contact.by.value)", .muted))
                for line in TextWrap.lines(Sanitizer.clean(multiline: contact.note), width: width - 4) { add(("  " + line, .normal)) }
            }
        }

        if !o.payments.isEmpty {
            section("Payments")
            for p in o.payments {
                add((time.dateTime(p.at) + "  ", .muted), (p.amount.description, .money), ("  \(p.term.rawValue) by \(p.method.title), key \(p.key)", .muted))
            }
        }

        section("History")
        for stored in detail.events {
            let e = stored.event
            let move = HistoryWords.move(e)
            let when = time.dateTime(e.at) + "  ", what = HistoryWords.what(e, currency: o.currency), who = "  by \(HistoryWords.who(e))"
            // The state change goes on a line of its own when the whole would not fit: nothing is cut.
            if move.isEmpty || DisplayWidth.of(when + what + who + "  " + move) <= width - 2 {
                add((when, .muted), (what, .normal), (who + (move.isEmpty ? "" : "  " + move), .muted))
            } else {
                add((when, .muted), (what, .normal), (who, .muted))
                add((String(repeating: " ", count: DisplayWidth.of(when)), .muted), (move, .muted))
            }
        }
        return out
    }
}

enum HelpOverlay {
    static let sectionTitles: [CommandContext: String] = [
        .list: "In the order list", .detail: "In an order's detail", .picker: "In the party picker", .global: "Everywhere",
        .order: "On the order in view (list or detail)",
        .confirm: "In a yes/no question", .form: "In an action's form", .contract: "In the contract form", .palette: "In the command palette",
        .help: "In this help", .filter: "While typing a filter", .message: "In a message box", .tooSmall: "On a terminal too small",
        .walkthrough: "In a walkthrough", .takenOver: "In a walkthrough taken over", .always: "Always, even in a dialog",
    ]

    /// Every command with its keys, grouped by where it applies — what works `here` (the screen
    /// under the help) first — and searchable by name or title. Disabled commands say why
    /// (`whyDisabled`, the command's own rule asked of the app).
    /// Commands the workspace in view does not offer (`offered` false: a party's in the
    /// platform's) are left out.
    static func lines(_ help: HelpModel, registry: CommandRegistry, here: CommandContext, whyDisabled: (Command) -> String?,
                      offered: (Command) -> Bool = { _ in true }) -> [(String, Role)] {
        let query = help.search.text.lowercased()
        let order = [here, .global] + CommandContext.allCases.filter { $0 != here && $0 != .global }
        var out: [(String, Role)] = []
        for context in order {
            let commands = registry.commands.filter {
                $0.context == context && offered($0) && (query.isEmpty || $0.id.lowercased().contains(query) || $0.title.lowercased().contains(query))
            }
            guard !commands.isEmpty else { continue }
            if !out.isEmpty { out.append(("", .dialog)) }
            out.append((sectionTitles[context] ?? context.rawValue, .header))
            for command in commands {
                // A typing command takes the keys no other command of its dialog has.
                let keys = command.keys.isEmpty && command.takesUnbound != nil ? "(other keys)" : command.keys.map(\.name).joined(separator: " ")
                let reason = whyDisabled(command).map { "  (\($0))" } ?? ""
                out.append((DisplayWidth.pad(keys.isEmpty ? ":" + command.id : keys, to: 14) + " " + DisplayWidth.pad(command.id, to: 16)
                            + " " + command.title + reason, reason.isEmpty ? .dialog : .muted))
            }
        }
        if out.isEmpty { out.append(("No command matches '\(help.search.text)'.", .muted)) }
        return out
    }

    /// Rows of the list on a screen `rows` high (under the title and the search line).
    static func room(rows: Int) -> Int { rows - 2 - 3 }

    /// `closeKey`: the key that closes it, as the registry has it bound.
    static func draw(_ canvas: inout Canvas, _ help: HelpModel, registry: CommandRegistry, here: CommandContext, closeKey: String,
                     whyDisabled: (Command) -> String?, offered: (Command) -> Bool = { _ in true }) {
        let top = 1
        let height = canvas.rows - 2
        canvas.fill(row: top, col: 0, height: height, width: canvas.cols, role: .dialog)
        canvas.put(" Help: every command and its keys. Type to search; \(closeKey) closes.", row: top, col: 0, role: .header)
        let (search, searchCursor) = help.search.window(width: canvas.cols - 10)
        canvas.put(" Search: " + search, row: top + 1, col: 0, role: .input, width: canvas.cols)
        let all = lines(help, registry: registry, here: here, whyDisabled: whyDisabled, offered: offered)
        let room = room(rows: canvas.rows)
        // Drawn from where it was scrolled to, never further than the last page (the terminal
        // may have grown since); the model is not changed here.
        let first = min(help.top, max(0, all.count - room))
        for (i, (text, role)) in all.dropFirst(first).prefix(room).enumerated() {
            canvas.put(" " + text, row: top + 3 + i, col: 0, role: role, width: canvas.cols)
        }
        canvas.cursor = (top + 1, min(canvas.cols - 1, 9 + searchCursor))
    }
}

enum Palette {
    /// Matching commands above the input line; one that cannot run now says why, as in the help.
    static func draw(_ canvas: inout Canvas, _ editor: LineEditor, registry: CommandRegistry, whyDisabled: (Command) -> String?,
                     offered: (Command) -> Bool = { _ in true }) {
        let row = canvas.rows - 2
        let name = editor.text.split(separator: " ").first.map(String.init) ?? ""
        let matches = registry.commands.filter { offered($0) && (name.isEmpty || $0.id.hasPrefix(name)) }.prefix(8)
        for (i, command) in matches.enumerated() {
            let y = row - matches.count + i
            let reason = whyDisabled(command)
            canvas.fill(row: y, col: 0, height: 1, width: canvas.cols, role: .dialog)
            canvas.put(" " + DisplayWidth.pad(command.id, to: 16) + " " + command.title + (reason.map { "  (\($0))" } ?? ""),
                       row: y, col: 0, role: reason == nil ? .dialog : .muted)
        }
        canvas.fill(row: row, col: 0, height: 1, width: canvas.cols, role: .input)
        let (shown, cursorColumn) = editor.window(width: canvas.cols - 2)
        canvas.put(":" + shown, row: row, col: 0, role: .input)
        canvas.cursor = (row, min(canvas.cols - 1, 1 + cursorColumn))
    }
}
