import TradeGuardCore
import TradeGuardStore

/// `order CODE`: everything about one order, for whoever may see it.
enum OrderSubcommand {
    static let subcommand = Subcommand(
        name: "order", synopsis: "order CODE [--as HANDLE] [--format text|json] [--db PATH]",
        summary: "Show one order in full: lines, terms, payments, checklist, deadlines, coverage and its audit history.",
        details: """
          --as HANDLE   look as this party (a party sees only its own orders, and not the other side's drafts)
          --format F    text (default) or json (see README)
        """,
        valueOptions: ["as", "format"], run: run)

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals(["CODE"])
        let code = try ArgumentValue.orderCode(inv.positionals[0])
        let format = try inv.format(["text", "json"])
        return try inv.withStore(.read) { store in
            let viewer = try inv.actor(in: store, command: "order")
            let order = try store.order(code, as: viewer)
            let events = try store.events(of: code)
            let now = try store.now()
            let names = (supplier: (try? store.party(order.supplier).name) ?? "", buyer: (try? store.party(order.buyer).name) ?? "")
            if format == "json" {
                inv.output.line(json(order, events: events, names: names, now: now).encoded(pretty: true))
            } else {
                text(order, events: events, names: names, now: now).forEach(inv.output.line)
            }
            return 0
        }
    }

    // MARK: JSON

    static func json(_ order: Order, events: [StoredEvent], names: (supplier: String, buyer: String), now: Instant) -> JSON {
        let c = order.contract
        let ledger = ExtensionLedger(order)
        var shipping: [String: JSON] = ["method": .string(c.shippingMethod.rawValue), "expectedDelivery": .date(c.expectedDelivery),
                                        "lastShipDate": .date(order.lastShipDate), "deliveryEstimate": .date(order.expectedDelivery)]
        switch c.shipDate {
        case let .fixed(date): shipping["date"] = .date(date)
        case let .daysAfterAdvance(days): shipping["daysAfter"] = .string("advance"); shipping["days"] = .int(days)
        case let .daysAfterBalance(days): shipping["daysAfter"] = .string("balance"); shipping["days"] = .int(days)
        }
        func term(_ term: PaymentTerm) -> JSON {
            var fields: [String: JSON] = [
                "amount": .money(term == .advance ? order.advanceAmount : order.balanceAmount),
                "paid": .money(order.paid(term)), "outstanding": .money(order.outstanding(term)),
            ]
            if term == .balance { fields["due"] = .string(c.balanceDue.rawValue) }
            return .object(fields)
        }
        let fields: [String: JSON] = [
            "code": .string(order.code.text), "state": .string(order.state.rawValue), "version": .int(order.version),
            "kind": .string(c.kind.rawValue), "currency": .string(c.currency.code),
            "supplier": .object(["handle": .string(order.supplier.value), "name": .string(names.supplier)]),
            "buyer": .object(["handle": .string(order.buyer.value), "name": .string(names.buyer)]),
            "initiator": .string(order.initiator.rawValue), "waitingOn": .string(order.waitingOnKind?.rawValue),
            "lines": .array(c.lines.map { line in
                .object(["description": .string(line.description), "quantity": .string(line.quantity.description),
                         "unit": .string(line.unit), "unitPrice": .money(line.unitPrice),
                         "amount": .money(try? line.amount()), "quality": .string(line.quality),
                         "inspectionRequired": .bool(line.inspectionRequired)])
            }),
            "incoterm": .string(c.incoterm.rawValue), "namedPlace": .string(c.namedPlace), "shipping": .object(shipping),
            "destination": .string(c.destination), "freight": .money(c.freight), "insurance": .money(c.insurance),
            "total": .money(order.total), "remarks": .string(c.remarks), "lastReason": .string(order.lastReason),
            "terms": .object(["advance": term(.advance), "balance": term(.balance)]),
            "paidTotal": .money(order.paidTotal),
            "payments": .array(order.payments.map { p in
                .object(["amount": .money(p.amount), "term": .string(p.term.rawValue), "method": .string(p.method.rawValue),
                         "key": .string(p.key.value), "at": .instant(p.at)])
            }),
            "checklist": .array(ChecklistItem.allCases.map { item in
                let done = order.checklistDone(item)
                return .object(["item": .string(item.rawValue), "title": .string(item.title), "done": .bool(done != nil),
                                "by": .string(done?.by), "at": .instant(done?.at), "note": .string(done?.note)])
            }),
            "contacts": .array(order.contacts.map { .object(["at": .instant($0.at), "by": .string($0.by.value), "note": .string($0.note)]) }),
            "shipment": order.shipment.map { .object(["carrier": .string($0.carrier), "tracking": .string($0.tracking), "at": .instant($0.at)]) } ?? .null,
            "extension": .object([
                "acceptedDays": .int(order.extensionDays),
                "pending": order.pendingExtension.map { .object(["days": .int($0.days), "reason": .string($0.reason), "at": .instant($0.at)]) } ?? .null,
                "ledger": .array(ledger.entries.map { e in
                    .object(["kind": .string(e.kind.rawValue), "days": .int(e.days), "reason": .string(e.reason),
                             "askedBy": .string(e.askedBy.rawValue), "agreedBy": .string(e.agreedBy?.rawValue),
                             "status": .string(e.status.rawValue), "at": .instant(e.at), "runningTotal": .int(e.runningTotal), "cap": .int(e.cap)])
                }),
                "warning": .string(ledger.warning),
            ]),
            "contractVersion": .int(order.contractVersion),
            "guaranteedDate": .bool(c.guaranteedDate),
            "amendments": .array(order.amendments.map { a in
                .object(["number": .int(a.number), "proposedBy": .string(a.proposedBy.rawValue), "proposedAt": .instant(a.proposedAt),
                         "status": .string(a.status.rawValue), "reason": .string(a.reason), "routeFreight": .money(a.routeFreight),
                         "answeredAt": .instant(a.answeredAt), "answerReason": .string(a.answerReason),
                         "changes": .array(a.status == .requested ? order.differences(of: a).map { .string($0) } : [])])
            }),
            "receiptExtendedBy": .array(order.receiptExtendedBy.map(\.rawValue).sorted().map { .string($0) }),
            "dispute": order.dispute.map {
                .object(["reason": .string($0.reason), "amount": .money($0.amount), "openedAt": .instant($0.openedAt),
                         "fromState": .string($0.fromState.rawValue), "negotiation": DisputeJSON.negotiation($0.negotiation)])
            } ?? .null,
            "disputeOutcome": DisputeJSON.outcome(order.disputeOutcome),
            "refunded": .money(order.refunded),
            "coverage": order.coverage.map {
                .object(["totalUSD": .money($0.totalUSD), "covered": .money($0.covered), "uncovered": .money($0.uncovered),
                         "rate": .string($0.rate.decimalString), "rateEffective": .date($0.rate.effective)])
            } ?? .null,
            "deadlines": .array(order.deadlines.map { d in
                .object(["kind": .string(d.kind.rawValue), "due": .instant(d.due), "passed": .bool(d.isPassed(at: now)),
                         "waitingOn": .string(d.waitingOn.flatMap { order.party(playing: $0)?.1.rawValue ?? $0.rawValue })])
            }),
            "paymentLink": .string(order.paymentLink?.masked),
            "times": .object(["created": .instant(order.createdAt), "submitted": .instant(order.submittedAt),
                              "confirmed": .instant(order.confirmedAt), "advancePaid": .instant(order.advancePaidAt),
                              "balancePaid": .instant(order.balancePaidAt), "productionStarted": .instant(order.productionStartedAt),
                              "ready": .instant(order.readyAt), "received": .instant(order.receivedAt), "ended": .instant(order.endedAt)]),
            "events": .array(events.map { stored in
                let e = stored.event
                return .object(["at": .instant(e.at), "actor": .string(e.actor), "action": .string(e.action),
                                "from": .string(e.fromState?.rawValue), "to": .string(e.toState?.rawValue),
                                "payload": .object(Dictionary(e.payload.map { ($0.key, JSON.string($0.value)) }, uniquingKeysWith: { $1 }))])
            }),
        ]
        return .object(fields)
    }

    // MARK: Text

    static func text(_ order: Order, events: [StoredEvent], names: (supplier: String, buyer: String), now: Instant) -> [String] {
        let c = order.contract
        var out: [String] = []
        let waiting = order.waitingOnKind.map { " — waiting on the \($0.rawValue)" } ?? ""
        out.append("\(order.code)  \(order.state.title)\(waiting)  (version \(order.version))")
        out.append("Supplier   \(order.supplier)  \(Text.safe(names.supplier))")
        out.append("Buyer      \(order.buyer)  \(Text.safe(names.buyer))")
        out.append("Drafted by the \(order.initiator.rawValue) on \(Text.time(order.createdAt)); \(c.kind == .rts ? "ready to ship" : "custom") order in \(c.currency.code)")
        out.append("")
        out.append("Lines")
        for (index, line) in c.lines.enumerated() {
            let amount = (try? line.amount()).map(MoneyFormat.display) ?? "—"
            out.append("  \(index + 1). \(Text.safe(line.description)) — \(line.quantity) \(Text.safe(line.unit)) × \(MoneyFormat.display(line.unitPrice)) = \(amount)"
                       + (line.inspectionRequired ? "  [inspection required]" : ""))
            if !line.quality.isEmpty { out.append("     quality: \(Text.safe(line.quality))") }
        }
        if c.lines.isEmpty { out.append("  (none)") }
        out.append("Freight \(MoneyFormat.display(c.freight)) · Insurance \(MoneyFormat.display(c.insurance)) · Total \(MoneyFormat.display(order.total))")
        out.append("")
        out.append("Terms")
        out.append("  advance  \(Text.pad(MoneyFormat.display(order.advanceAmount), 16, right: true))   paid \(Text.pad(MoneyFormat.display(order.paid(.advance)), 16, right: true))   outstanding \(MoneyFormat.display(order.outstanding(.advance)))")
        out.append("  balance  \(Text.pad(MoneyFormat.display(order.balanceAmount), 16, right: true))   paid \(Text.pad(MoneyFormat.display(order.paid(.balance)), 16, right: true))   outstanding \(MoneyFormat.display(order.outstanding(.balance)))   (due \(c.balanceDue == .beforeShipment ? "before" : "after") shipment)")
        out.append("Shipping   \(c.shippingMethod.rawValue), \(c.incoterm.rawValue) \(Text.safe(c.namedPlace)); ship \(c.shipDate.summary)"
                   + (order.lastShipDate.map { " (last day \($0.iso))" } ?? ""))
        out.append("Delivery   \(order.expectedDelivery?.iso ?? "not known yet")\(c.expectedDelivery == nil ? " (estimated)" : "") to \(Text.safe(c.destination))")
        if let coverage = order.coverage {
            out.append("Coverage   \(MoneyFormat.display(coverage.covered)) covered, \(MoneyFormat.display(coverage.uncovered)) uncovered of \(MoneyFormat.display(coverage.totalUSD)) (rate \(coverage.rate.decimalString) \(coverage.rate.currency.code) per US$1, \(coverage.rate.effective.iso))")
        } else {
            out.append("Coverage   fixed when the order is confirmed")
        }
        if let link = order.paymentLink { out.append("Pay link   \(link.masked)") }
        let deadlines = order.deadlines
        if !deadlines.isEmpty {
            out.append("")
            out.append("Deadlines")
            for d in deadlines {
                let who = d.waitingOn.flatMap { order.party(playing: $0)?.1.rawValue }.map { ", waiting on the \($0)" } ?? ""
                out.append("  \(d.kind.title) \(Text.time(d.due))\(d.isPassed(at: now) ? " (PASSED)" : "") — \(d.kind.consequence)\(who)")
            }
        }
        if !order.payments.isEmpty {
            out.append("")
            out.append("Payments")
            for p in order.payments {
                out.append("  \(Text.time(p.at))  \(Text.pad(MoneyFormat.display(p.amount), 16, right: true))  \(p.term.rawValue)  \(p.method.title)  key \(p.key)")
            }
        }
        if order.state != .draft && order.state != .awaitingConfirmation && order.state != .awaitingPayment || !order.checklist.isEmpty {
            out.append("")
            out.append("Checklist (\(ChecklistItem.allCases.count - order.missingChecklistItems.count) of \(ChecklistItem.allCases.count) done)")
            for item in ChecklistItem.allCases {
                if let done = order.checklistDone(item) {
                    out.append("  [x] \(Text.pad(item.rawValue, 11)) \(item.title) — " + [done.by, Text.time(done.at)].compactMap { $0 }.joined(separator: ", ")
                               + (done.note.isEmpty ? "" : ": \(Text.safe(done.note))"))
                } else {
                    out.append("  [ ] \(Text.pad(item.rawValue, 11)) \(item.title)")
                }
            }
        }
        if !order.contacts.isEmpty {
            out.append("")
            out.append("Buyer contacts")
            for contact in order.contacts { out.append("  \(Text.time(contact.at))  \(contact.by): \(Text.safe(contact.note))") }
        }
        if let shipment = order.shipment {
            out.append("Shipment   \(Text.safe(shipment.carrier)), tracking \(Text.safe(shipment.tracking)), \(Text.time(shipment.at))")
        }
        if order.extensionDays > 0 || order.pendingExtension != nil {
            var line = "Extension  \(order.extensionDays) days accepted"
            if let pending = order.pendingExtension { line += "; \(pending.days) more requested \(Text.time(pending.at)): \(Text.safe(pending.reason))" }
            out.append(line)
        }
        if let warning = ExtensionLedger(order).warning { out.append("Warning    \(warning)") }
        if let pending = order.pendingAmendment {
            out.append("Change \(pending.number) proposed by the \(pending.proposedBy.rawValue) \(Text.time(pending.proposedAt)), waiting for the \(pending.answeredBy.rawValue): \(Text.safe(pending.reason))")
            for change in order.differences(of: pending) { out.append("  \(Text.safe(change))") }
        }
        if order.contractVersion > 1 { out.append("Contract   version \(order.contractVersion), changed after confirmation") }
        if !order.receiptExtendedBy.isEmpty {
            out.append("Receipt window extended by the \(order.receiptExtendedBy.map(\.rawValue).sorted().joined(separator: " and "))")
        }
        if let dispute = order.dispute {
            out.append("Dispute    \(MoneyFormat.display(dispute.amount)) claimed \(Text.time(dispute.openedAt)) (from \(dispute.fromState.rawValue)): \(Text.safe(dispute.reason))")
            if let n = dispute.negotiation {
                var line = "           \(n.kind.rawValue); \(n.stage.title.lowercased())"
                if let table = n.onTable { line += "; on the table: \(table.remedy) (from the \(table.by.rawValue))" }
                if let due = n.due, let outcome = n.defaultOutcome { line += "; " + outcome.sentence(who: "the \(n.stage.answering.rawValue)", by: Text.time(due)) }
                out.append(line)
            }
        }
        if let outcome = order.disputeOutcome, order.dispute == nil {
            var line = "Dispute    \(outcome.how.rawValue) \(Text.time(outcome.at))"
            if let remedy = outcome.remedy { line += ": \(remedy)" }
            if let paid = outcome.refundPaid {
                line += "; refund paid \(Text.time(paid.at)), reference \(Text.safe(paid.reference))"
            } else if let due = outcome.refundDue {
                line += "; the supplier refunds by \(due.iso)"
            }
            if outcome.points > 0 { line += "; \(outcome.points) violation points to the \(outcome.atFault.rawValue)" }
            out.append(line)
        }
        if let refunded = order.refunded { out.append("Refunded   \(MoneyFormat.display(refunded))") }
        if let reason = order.lastReason { out.append("Last reason: \(Text.safe(reason))") }
        if !c.remarks.isEmpty {
            out.append("Remarks")
            for line in Text.safe(c.remarks, newlines: true).split(separator: "\n", omittingEmptySubsequences: false) { out.append("  \(line)") }
        }
        out.append("")
        out.append("History")
        for stored in events {
            let e = stored.event
            let states = e.fromState == e.toState ? "" : "  \(e.fromState?.rawValue ?? "—") → \(e.toState?.rawValue ?? "—")"
            // The encoded contract (for replay) would bury the line; the terms are shown above.
            let payload = e.payload.filter { $0.key != "contract" }.map { "\($0.key)=\(Text.safe($0.value))" }.joined(separator: " ")
            out.append("  \(Text.time(e.at))  \(e.actor)  \(e.action)\(states)\(payload.isEmpty ? "" : "  " + payload)")
        }
        return out
    }
}

/// A negotiated dispute and a dispute's outcome in `order --format json` (issue 21).
enum DisputeJSON {
    static func remedy(_ r: Remedy) -> JSON { .object(["kind": .string(r.kind.rawValue), "refund": .money(r.refund)]) }

    static func negotiation(_ n: Negotiation?) -> JSON {
        guard let n else { return .null }
        return .object([
            "kind": .string(n.kind.rawValue), "stage": .string(n.stage.rawValue),
            "waitingOn": .string(n.stage.answering.rawValue), "due": n.due.map { .instant($0) } ?? .null,
            "defaultOutcome": n.defaultOutcome.map { .string($0.rawValue) } ?? .null,
            "evidenceRequest": n.evidenceRequest.map { .string($0) } ?? .null,
            "proposals": .array(n.proposals.map { p in
                .object(["by": .string(p.by.rawValue), "remedy": remedy(p.remedy), "note": .string(p.note), "at": .instant(p.at)])
            }),
            "evidence": .array(n.evidence.map { e in
                .object(["description": .string(e.description), "reference": .string(e.reference), "by": .string(e.by.value), "at": .instant(e.at)])
            }),
        ])
    }

    static func outcome(_ o: DisputeOutcome?) -> JSON {
        guard let o else { return .null }
        return .object(["how": .string(o.how.rawValue), "remedy": o.remedy.map(remedy) ?? .null, "refundDue": o.refundDue.map { .date($0) } ?? .null,
                        "points": .int(o.points), "reasoning": .string(o.reasoning), "at": .instant(o.at),
                        "refundPaid": o.refundPaid.map { .object(["at": .instant($0.at), "reference": .string($0.reference)]) } ?? .null])
    }
}
