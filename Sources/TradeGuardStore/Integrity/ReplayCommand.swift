import TradeGuardCore

/// Reads an audit event back into what was asked of the workflow: the actor, the command and
/// the context the decision saw (the rate, coverage and link a confirmation recorded). Replay
/// feeds these to `Workflow.decide` — the code that decided them the first time.
enum ReplayCommand {
    /// "supplier:acme", "platform:platform", "system" (Actor.description) back into an actor.
    static func actor(_ text: String) -> Actor? {
        if text == "system" { return .system }
        // Searched as UTF-8 (a hot path: every event of every order); ":" is ASCII, so the
        // index is a character boundary.
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")), let kind = PartyKind(rawValue: String(text[..<colon])),
              let handle = try? Handle(String(text[text.utf8.index(after: colon)...])) else { return nil }
        return .party(handle, kind)
    }

    /// `OrderAction(rawValue:)` as one hash: the generated initializer compares the name with
    /// each action's in turn, for every event replayed.
    private static let actions = Dictionary(uniqueKeysWithValues: OrderAction.allCases.map { ($0.rawValue, $0) })

    /// `ChecklistItem(rawValue:)` as one hash, for the same reason: ticks are nearly half of all events.
    private static let items = Dictionary(uniqueKeysWithValues: ChecklistItem.allCases.map { ($0.rawValue, $0) })

    /// The command an order event records, or nil when its payload lacks what the command needs.
    static func command(_ e: AuditEvent, order: Order) -> OrderCommand? {
        let currency = order.currency
        func money(_ key: String, _ currency: Currency = currency) -> Money? { e.value(key).flatMap { amount($0, currency) } }
        func text(_ key: String) -> String? { e.value(key) }
        func item() -> ChecklistItem? { text("item").flatMap { items[$0] } }
        /// A remedy as events record it: its kind and refund; the amount is given back only for
        /// a partial refund (the others imply theirs, and `Remedy.make` checks that).
        func remedy() -> (kind: RemedyKind, amount: Money?)? {
            guard let kind = text("remedy").flatMap(RemedyKind.init(rawValue:)), let refund = money("refund") else { return nil }
            return (kind, kind == .partialRefund ? refund : nil)
        }
        guard let action = actions[e.action] else {
            if e.action == Workflow.replayAction, let key = text("key").flatMap({ try? IdempotencyKey($0) }),
               let original = order.payments.first(where: { $0.key == key }) {
                // A repeated key with the original amount: decide answers with a replay.
                return .pay(amount: original.amount, method: original.method, key: key)
            }
            return nil
        }
        switch action {
        case .edit: return text("contract").flatMap(ContractEncoding.decode).map { .edit($0) }
        case .submit: return .submit
        case .confirm: return .confirm
        case .requestChanges: return text("reason").map { .requestChanges(reason: $0) }
        case .cancel: return text("reason").map { .cancel(reason: $0) }
        case .pay:
            guard let paid = text("currency").flatMap(Currency.named), let amount = money("amount", paid),
                  let method = text("method").flatMap(PaymentMethod.init(rawValue:)),
                  let key = text("key").flatMap({ try? IdempotencyKey($0) }) else { return nil }
            return .pay(amount: amount, method: method, key: key)
        case .startProduction: return .startProduction
        case .logContact: return text("note").map { .logContact(note: $0) }
        case .tick: return item().flatMap { item in text("note").map { .tick(item, note: $0) } }
        case .untick: return item().flatMap { item in text("note").map { .untick(item, note: $0) } }
        case .ready: return .ready
        case .ship:
            guard let carrier = text("carrier"), let tracking = text("tracking") else { return nil }
            return .ship(carrier: carrier, tracking: tracking)
        case .confirmReceipt: return .confirmReceipt
        case .requestExtension:
            guard let days = text("days").flatMap({ Int($0) }), let reason = text("reason") else { return nil }
            return .requestExtension(days: days, reason: reason)
        case .acceptExtension: return .acceptExtension
        case .declineExtension: return .declineExtension
        case .extendReceipt: return .extendReceipt
        case .dispute:
            guard let reason = text("reason"), let amount = money("amount") else { return nil }
            // A negotiated dispute names its kind; the older form does not.
            if let kind = text("kind") {
                guard let kind = DisputeKind(rawValue: kind), let remedy = remedy() else { return nil }
                return .openDispute(kind: kind, remedy: remedy.kind, amount: remedy.amount, reason: reason)
            }
            return .dispute(reason: reason, amount: amount)
        case .counter:
            guard let remedy = remedy(), let note = text("note") else { return nil }
            return .counter(remedy: remedy.kind, amount: remedy.amount, note: note)
        case .askEvidence: return text("note").map { .askEvidence(note: $0) }
        case .addEvidence:
            guard let description = text("description"), let reference = text("reference") else { return nil }
            return .addEvidence(description: description, reference: reference)
        case .agree: return .agree
        case .editClaim:
            guard let remedy = remedy(), let note = text("note") else { return nil }
            return .editClaim(remedy: remedy.kind, amount: remedy.amount, note: note)
        case .withdraw: return text("reason").map { .withdraw(reason: $0) }
        case .escalate: return text("note").map { .escalate(note: $0) }
        case .decide:
            guard let remedy = remedy(), let reasoning = text("reasoning") else { return nil }
            return .decide(remedy: remedy.kind, amount: remedy.amount, reasoning: reasoning)
        case .disputeTimeout: return .disputeTimeout
        case .recordRefund: return text("reference").map { .recordRefund(reference: $0) }
        case .claimBalance: return text("reason").map { .claimBalance(reason: $0) }
        case .resolve: return money("refund").map { .resolve(refund: $0) }
        case .autoCancel: return .autoCancel
        case .autoComplete: return .autoComplete
        case .close: return .close
        case .proposeChange:
            guard let contract = text("contract").flatMap(ContractEncoding.decode), let reason = text("reason"),
                  let quote = text("routeFreight") else { return nil }
            if quote.isEmpty { return .proposeChange(contract, routeFreight: nil, reason: reason) }
            return amount(quote, currency).map { .proposeChange(contract, routeFreight: $0, reason: reason) }
        case .acceptChange: return text("number").flatMap { Int($0) }.map { .acceptChange(number: $0) }
        case .rejectChange:
            guard let number = text("number").flatMap({ Int($0) }), let reason = text("reason") else { return nil }
            return .rejectChange(number: number, reason: reason)
        }
    }

    /// What the decision saw besides the order. Standing and the available limit are facts of
    /// the party pass, not of the order's log: replay grants what the event says was granted.
    static func context(_ e: AuditEvent, order: Order) -> DecisionContext? {
        var context = DecisionContext(now: e.at)
        // Receipt fixed a longer protection window for an enterprise buyer.
        if e.value("protectionDays") == String(BuyerTier.enterprise.protectionDays) { context.buyerTier = .enterprise }
        if e.action == OrderAction.acceptChange.rawValue {
            // A change of the total re-fixed the coverage with what the limit had free: the
            // event's coverage says how much more this order took (schema 10). An event without
            // one left the coverage as it was, as every accepted change did before.
            if let covered = e.value("covered").flatMap({ amount($0, .usd) }) {
                let held = order.coverage?.covered.minorUnits ?? 0
                context.available = Money(minorUnits: max(0, covered.minorUnits - held), currency: .usd)
            } else {
                context.coverageFixedAtConfirmation = true
            }
            return context
        }
        guard e.action == OrderAction.confirm.rawValue else { return context }
        guard let covered = e.value("covered").flatMap({ amount($0, .usd) }),
              let micros = e.value("rateMicros").flatMap({ Int64($0) }),
              let day = e.value("rateDate").flatMap(date),
              let rate = try? ExchangeRate(currency: order.currency, microUnitsPerUSD: micros, effective: day) else { return nil }
        context.available = covered
        context.rate = rate
        context.newPaymentLink = e.value("link").flatMap(PaymentLinkToken.init)
        return context
    }

    /// `CalendarDate.parse` for the form every event writes, "2026-11-27" (ten ASCII bytes),
    /// read straight from the bytes; any other text takes `parse` itself. The general parser
    /// trims, splits and checks through Strings: 15,000 instructions, once per confirmation.
    static func date(_ text: String) -> CalendarDate? {
        let fast: CalendarDate?? = text.utf8.withContiguousStorageIfAvailable { b in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            var parts = (0, 0, 0)
            for (i, byte) in b.enumerated() where i != 4 && i != 7 {
                guard byte >= 48 && byte <= 57 else { return nil }
                let digit = Int(byte - 48)
                if i < 4 { parts.0 = parts.0 * 10 + digit } else if i < 7 { parts.1 = parts.1 * 10 + digit } else { parts.2 = parts.2 * 10 + digit }
            }
            // Four, two and two digits: exactly what `parse` hands to this initializer.
            return .some(try? CalendarDate(year: parts.0, month: parts.1, day: parts.2))
        } ?? nil
        if let fast { return fast }
        return try? CalendarDate.parse(text)
    }

    /// An amount as `MoneyFormat.decimal` writes it ("1234.50", "1200" for JPY), read without
    /// the general parser's checks (a hot path: every payment of every order); any other text
    /// takes the general parser, and a non-canonical amount then differs from the re-derived event.
    static func amount(_ text: String, _ currency: Currency) -> Money? {
        var minor: Int64 = 0
        var decimals = -1
        var ok = !text.isEmpty
        for byte in text.utf8 where ok {
            if byte == UInt8(ascii: ".") {
                ok = decimals < 0
                decimals = 0
            } else if byte >= 48 && byte <= 57 {
                let (product, overflow) = minor.multipliedReportingOverflow(by: 10)
                let (sum, carry) = product.addingReportingOverflow(Int64(byte - 48))
                ok = !overflow && !carry
                minor = sum
                if decimals >= 0 { decimals += 1 }
            } else {
                ok = false
            }
        }
        if ok && (currency.exponent == 0 ? decimals < 0 : decimals == currency.exponent) { return Money(minorUnits: minor, currency: currency) }
        return try? AmountParser.parse(text, currency: currency, allowZero: true)
    }
}
