import TradeGuardCore

/// One stored event of an order, as replay reads it.
struct LoggedEvent {
    let id: Int64
    let event: AuditEvent

    /// "event 18,211 pay by buyer:hanse" — how a fault names the event behind a value.
    var label: String { "event \(ReplayFormat.grouped(id)) \(event.action) by \(event.actor)" }
}

/// An extension request or a dispute as the log implies its row, with the event that wrote it last.
struct ImpliedHistoryRow {
    var values: [Value]
    var event: Int
}

/// What one order's log implies: the order as `Workflow` derives it, event by event, and for
/// each child row the index of the event that set it (to name it in a fault).
struct ReplayedOrder {
    var order: Order
    var contractEvent = 0
    var confirmEvent: Int?
    var paymentEvents: [Int] = []
    var tickEvents = TickEvents()
    var contactEvents: [Int] = []
    var shipmentEvent: Int?
    var ledger: [(entry: LedgerEntry, event: Int)] = []
    var extensions: [ImpliedHistoryRow] = []
    var disputes: [ImpliedHistoryRow] = []
    var proposals: [ImpliedHistoryRow] = []
    var evidence: [ImpliedHistoryRow] = []
    /// Per amendment, the event that last wrote its row.
    var amendmentEvents: [Int] = []

    init(order: Order) { self.order = order }
}

/// For each ticked checklist item, the event that ticked it: at most ten pairs, searched in a
/// row (a dictionary hashed and grew on every tick, and ticks are nearly half of all events).
struct TickEvents {
    private var pairs: [(item: ChecklistItem, event: Int)] = []

    subscript(item: ChecklistItem) -> Int? {
        get { pairs.first { $0.item == item }?.event }
        set {
            let i = pairs.firstIndex { $0.item == item }
            switch (i, newValue) {
            case let (i?, event?): pairs[i].event = event
            case let (i?, nil): pairs.remove(at: i)
            case let (nil, event?): pairs.append((item, event))
            case (nil, nil): break
            }
        }
    }
}

/// Replays one order's events through the domain's own workflow.
enum OrderReplay {
    /// The replayed order, or the sentence naming the first event the workflow would not have
    /// written. `observe` sees the order after each event (to find which event set a value).
    static func replay(_ events: [LoggedEvent], code: OrderCode,
                       observe: ((Int, Order) -> Void)? = nil) -> Result<ReplayedOrder, ReplayFault> {
        guard let first = events.first else { return .failure(ReplayFault("orders row \(code.number) (\(code)): the log has no event for it")) }
        let draft = first.event
        guard draft.action == "draft", let actor = ReplayCommand.actor(draft.actor), let kind = actor.kind, let me = actor.handle,
              let other = draft.value("counterparty").flatMap({ try? Handle($0) }),
              let contract = draft.value("contract").flatMap(ContractEncoding.decode) else {
            return .failure(ReplayFault("\(code): \(first.label) is not a complete draft, so the order cannot be replayed"))
        }
        let (supplier, buyer) = kind == .supplier ? (me, other) : (other, me)
        let order: Order, event: AuditEvent
        do throws(Refusal) {
            (order, event) = try Workflow.draft(code: code, supplier: supplier, buyer: buyer, by: actor, contract: contract,
                                                context: DecisionContext(now: draft.at))
        } catch {
            return .failure(ReplayFault("\(code): \(first.label) is refused by the workflow on replay: \(error)"))
        }
        if let difference = difference(event, draft) { return .failure(ReplayFault("\(code): \(first.label) \(difference)")) }
        var replayed = ReplayedOrder(order: order)
        observe?(0, order)
        // An order's log names two or three actors, each on every event: each is parsed once.
        var actors: [(text: String, actor: Actor)] = [(draft.actor, actor)]
        func actorOf(_ text: String) -> Actor? {
            if let known = actors.first(where: { $0.text == text }) { return known.actor }
            guard let parsed = ReplayCommand.actor(text) else { return nil }
            actors.append((text, parsed))
            return parsed
        }

        for index in events.indices.dropFirst() {
            let logged = events[index]
            let before = replayed.order
            guard let actor = actorOf(logged.event.actor),
                  let command = ReplayCommand.command(logged.event, order: before),
                  let context = ReplayCommand.context(logged.event, order: before) else {
                return .failure(ReplayFault("\(code): \(logged.label) does not carry the complete decision, so the order cannot be replayed"))
            }
            let decision: Decision
            do throws(Refusal) {
                decision = try Workflow.decide(before, command, by: actor, context: context)
            } catch {
                return .failure(ReplayFault("\(code): \(logged.label) is refused by the workflow on replay: \(error)"))
            }
            if let difference = difference(decision.event, logged.event) {
                return .failure(ReplayFault("\(code): \(logged.label) \(difference)"))
            }
            if decision.isReplay { observe?(index, before); continue }
            record(decision, event: index, into: &replayed)
            observe?(index, replayed.order)
        }
        return .success(replayed)
    }

    /// Notes which event set each child row — the same transitions `OrderRows.writeChildChanges` writes.
    private static func record(_ decision: Decision, event index: Int, into r: inout ReplayedOrder) {
        let before = decision.before, after = decision.after
        let now = decision.event.at.secondsSinceEpoch
        r.order = after
        if before.contract != after.contract { r.contractEvent = index }
        if before.coverage == nil && after.coverage != nil { r.confirmEvent = index }
        for _ in after.payments.dropFirst(before.payments.count) { r.paymentEvents.append(index) }
        // Most events leave the checklist alone (and share its storage, so this is cheap). A tick
        // or untick changes one item: only the items present are looked up (a lookup hashes,
        // and ticks are nearly half of all events), not every item twice.
        // Counts first: every tick and untick changes the count, and `!=` looks up each item.
        if before.checklist.count != after.checklist.count || before.checklist != after.checklist {
            for (item, tick) in after.checklist where before.checklist[item] != tick { r.tickEvents[item] = index }
            for item in before.checklist.keys where after.checklist[item] == nil { r.tickEvents[item] = nil }
        }
        for _ in after.contacts.dropFirst(before.contacts.count) { r.contactEvents.append(index) }
        if before.shipment == nil && after.shipment != nil { r.shipmentEvent = index }
        if before.pendingExtension != after.pendingExtension {
            if before.pendingExtension != nil, let last = r.extensions.indices.last {
                r.extensions[last].values[3] = .text(after.extensionDays > before.extensionDays ? "accepted" : "declined")
                r.extensions[last].values[4] = .int(now)
                r.extensions[last].event = index
            }
            if let request = after.pendingExtension {
                r.extensions.append(ImpliedHistoryRow(values: [.int(Int64(request.days)), .text(request.reason),
                                                               .int(request.at.secondsSinceEpoch), .null, .null], event: index))
            }
        }
        if before.dispute != after.dispute || before.disputeOutcome != after.disputeOutcome {
            recordDispute(before, after, now: now, event: index, into: &r)
        }
        if before.amendments != after.amendments {
            for (i, amendment) in after.amendments.enumerated() where i >= before.amendments.count || before.amendments[i] != amendment {
                if i < r.amendmentEvents.count { r.amendmentEvents[i] = index } else { r.amendmentEvents.append(index) }
            }
        }
        for entry in decision.ledger { r.ledger.append((entry, index)) }
    }

    /// The `disputes`, `dispute_proposals` and `dispute_evidence` rows a dispute step implies —
    /// what `DisputeRows.write` writes, column for column.
    private static func recordDispute(_ before: Order, _ after: Order, now: Int64, event index: Int, into r: inout ReplayedOrder) {
        let closing = before.dispute != nil && after.dispute == nil
        if closing, let last = r.disputes.indices.last {
            let outcome = after.disputeOutcome != before.disputeOutcome ? after.disputeOutcome : nil
            r.disputes[last].values[4] = .int(after.refunded?.minorUnits ?? 0)
            r.disputes[last].values[5] = .int(now)
            r.disputes[last].values[10] = Value(outcome?.how.rawValue)
            r.disputes[last].values[11] = Value(outcome?.remedy?.kind.rawValue)
            r.disputes[last].values[12] = Value(outcome?.refundDue.map { Int64($0.daysSinceEpoch) })
            r.disputes[last].values[13] = Value(outcome.map { Int64($0.points) })
            r.disputes[last].values[14] = Value(outcome?.reasoning)
            r.disputes[last].event = index
        }
        if !closing, before.disputeOutcome?.refundPaid == nil, let paid = after.disputeOutcome?.refundPaid,
           let last = r.disputes.indices.last {
            r.disputes[last].values[15] = .int(paid.at.secondsSinceEpoch)
            r.disputes[last].values[16] = .text(paid.reference)
            r.disputes[last].event = index
        }
        guard let dispute = after.dispute else { return }
        let n = dispute.negotiation
        if before.dispute == nil || closing {
            r.disputes.append(ImpliedHistoryRow(values: [.text(dispute.reason), .int(dispute.amount.minorUnits),
                                                         .int(dispute.openedAt.secondsSinceEpoch), .text(dispute.fromState.rawValue),
                                                         .null, .null, Value(n?.kind.rawValue), Value(n?.stage.rawValue),
                                                         Value(n?.due?.secondsSinceEpoch), Value(n?.evidenceRequest),
                                                         .null, .null, .null, .null, .null, .null, .null, .null], event: index))
        } else if before.dispute?.negotiation != n, let last = r.disputes.indices.last {
            r.disputes[last].values[7] = Value(n?.stage.rawValue)
            r.disputes[last].values[8] = Value(n?.due?.secondsSinceEpoch)
            r.disputes[last].values[9] = Value(n?.evidenceRequest)
            if n?.stage == .escalated, r.disputes[last].values[17] == .null { r.disputes[last].values[17] = .int(now) }
            r.disputes[last].event = index
        }
        guard let n else { return }
        let old = before.dispute == nil || closing ? nil : before.dispute?.negotiation
        for p in n.proposals.dropFirst(old?.proposals.count ?? 0) {
            r.proposals.append(ImpliedHistoryRow(values: [.text(p.by.rawValue), .text(p.remedy.kind.rawValue), .int(p.remedy.refund.minorUnits),
                                                          .text(p.note), .int(p.at.secondsSinceEpoch), .int(Int64(r.disputes.count))], event: index))
        }
        for e in n.evidence.dropFirst(old?.evidence.count ?? 0) {
            r.evidence.append(ImpliedHistoryRow(values: [.text(e.description), .text(e.reference), .text(e.by.value),
                                                         .int(e.at.secondsSinceEpoch), .int(Int64(r.disputes.count))], event: index))
        }
    }

    /// How the stored event differs from the one the workflow writes for the same decision, or nil.
    static func difference(_ derived: AuditEvent, _ stored: AuditEvent) -> String? {
        guard derived != stored else { return nil }
        // A close's limit recompute is the store's, checked by the global pass; so are the key
        // or reason behind the event (checked against the keys table by the key pass).
        let stored = stored.removing(Attribution.fields.union(["recompute", "partyRow"]))
        guard derived != stored else { return nil }
        if derived.fromState != stored.fromState || derived.toState != stored.toState {
            return "moves \(stored.fromState?.rawValue ?? "none") → \(stored.toState?.rawValue ?? "none") but the workflow moves \(derived.fromState?.rawValue ?? "none") → \(derived.toState?.rawValue ?? "none")"
        }
        for key in Set(derived.payload.map(\.key) + stored.payload.map(\.key)).sorted() where derived.value(key) != stored.value(key) {
            return "records \(key) as \(ReplayFormat.quoted(stored.value(key))) but the workflow records \(ReplayFormat.quoted(derived.value(key)))"
        }
        return "differs from what the workflow records"
    }
}

/// A replay fault, already one sentence.
struct ReplayFault: Error {
    let sentence: String
    init(_ sentence: String) { self.sentence = sentence }
}

enum ReplayFormat {
    /// 18211 → "18,211".
    static func grouped(_ n: Int64) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func quoted(_ text: String?) -> String {
        guard let text else { return "absent" }
        let short = text.count > 60 ? String(text.prefix(57)) + "…" : text
        return "\"\(short)\""
    }

    /// A stored value for a sentence: money columns in the currency's decimals.
    static func value(_ v: Value, money currency: Currency?) -> String {
        switch v {
        case .null: return "empty"
        case let .int(n):
            if let currency { return MoneyFormat.decimal(Money(minorUnits: n, currency: currency)) }
            return String(n)
        case let .text(t): return quoted(t)
        case let .double(d): return String(d)
        case let .blob(b): return "\(b.count) bytes"
        }
    }
}
