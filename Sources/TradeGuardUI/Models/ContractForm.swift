import TradeGuardCore
import TradeGuardStore

/// The contract form: a new draft, or editing one. Line items are added and removed in place;
/// the total and the covered / uncovered split are recomputed from what is typed, on every key.
/// Saving checks everything submitting would: a draft that cannot be submitted is not saved,
/// and every problem is listed in full.
final class ContractFormModel {
    enum Part: Hashable { case description, quantity, unit, price, quality, inspection }
    enum Key: Hashable {
        case counterparty, currency, kind, line(Int, Part), incoterm, namedPlace, method, shipRule, shipValue
        case expectedDelivery, destination, freight, insurance, advance, balanceDue, remarks, guaranteedDate
    }

    struct Field {
        let key: Key
        var base: FormModel.Field
    }

    enum Mode { case new, edit(OrderCode, version: Int) }

    /// For an edit, the version saved over; it moves on only when the person has been told
    /// what someone else saved meanwhile.
    var mode: Mode
    /// The contract as it was when the form opened (or when it was last refreshed after a
    /// conflict): what someone else's changes are measured against.
    var opened: Contract?
    let side: PartyKind
    let counterparties: [PartyRecord]
    var fields: [Field] = []
    var focus = 0
    var message: String?
    /// The live line under the title: total, coverage, balance as typed. Worked out when the
    /// form changes or the data does (`AppModel.readForFrame`), never while drawing: coverage
    /// needs the supplier's limit and the rates from the database.
    var preview = "Total: -"
    private(set) var lineCount: Int

    init(mode: Mode, side: PartyKind, counterparties: [PartyRecord], contract: Contract?, counterparty: Handle?) {
        self.mode = mode
        self.side = side
        self.counterparties = counterparties
        opened = contract
        lineCount = max(1, contract?.lines.count ?? 1)
        build(from: contract, counterparty: counterparty)
        openedValues = fields.map(\.base.value)
    }

    var title: String {
        switch mode {
        case .new: return "New contract"
        case let .edit(code, _): return "Edit draft \(code)"
        }
    }

    // MARK: Fields

    private func build(from c: Contract?, counterparty: Handle?) {
        func f(_ key: Key, _ label: String, _ kind: FormModel.Kind, _ initial: String = "", choice: Int = 0) {
            var base = FormModel.field(label, kind, initial, maxLength: Self.maxLength(key))
            base.choiceIndex = choice
            fields.append(Field(key: key, base: base))
        }
        func money(_ m: Money?) -> String { m.map(MoneyFormat.decimal) ?? "" }
        let names = counterparties.map(\.handle.value)
        f(.counterparty, side == .supplier ? "Buyer" : "Supplier", .choice(names.isEmpty ? ["-"] : names),
          choice: counterparty.flatMap { h in names.firstIndex(of: h.value) } ?? 0)
        let currencies = Currency.all.map(\.code)
        f(.currency, "Currency", .choice(currencies), choice: currencies.firstIndex(of: c?.currency.code ?? "USD") ?? 0)
        f(.kind, "Kind", .choice(["custom", "rts"]), choice: c?.kind == .rts ? 1 : 0)
        for n in 0..<lineCount {
            let line = c?.lines.indices.contains(n) == true ? c!.lines[n] : nil
            f(.line(n, .description), "\(n + 1) Item", .text(required: false), line?.description ?? "")
            f(.line(n, .quantity), "  Quantity", .text(required: false), line.map { $0.quantity.description } ?? "")
            f(.line(n, .unit), "  Unit", .text(required: false), line?.unit ?? "pcs")
            f(.line(n, .price), "  Unit price", .text(required: false), money(line?.unitPrice))
            f(.line(n, .quality), "  Quality", .text(required: false), line?.quality ?? "")
            f(.line(n, .inspection), "  Inspection", .choice(["no", "yes"]), choice: line?.inspectionRequired == true ? 1 : 0)
        }
        let terms = Incoterm.allCases.map(\.rawValue)
        f(.incoterm, "Incoterm", .choice(terms), choice: terms.firstIndex(of: c?.incoterm.rawValue ?? "FOB") ?? 0)
        f(.namedPlace, "Named place", .text(required: false), c?.namedPlace ?? "")
        let methods = ShippingMethod.allCases.map(\.rawValue)
        f(.method, "Shipping", .choice(methods), choice: methods.firstIndex(of: c?.shippingMethod.rawValue ?? "sea") ?? 0)
        let (rule, value): (Int, String) = {
            switch c?.shipDate {
            case let .fixed(date)?: return (0, date.iso)
            case let .daysAfterBalance(n)?: return (2, String(n))
            case let .daysAfterAdvance(n)?: return (1, String(n))
            case nil: return (1, "30")
            }
        }()
        f(.shipRule, "Ship date", .choice(["fixed date", "days after advance", "days after balance"]), choice: rule)
        f(.shipValue, "  Date or days", .text(required: false), value)
        f(.expectedDelivery, "Delivery by", .text(required: false), c?.expectedDelivery?.iso ?? "")
        f(.destination, "Destination", .text(required: false), c?.destination ?? "")
        f(.freight, "Freight", .text(required: false), money(c?.freight) == "" ? "0" : money(c?.freight))
        f(.insurance, "Insurance", .text(required: false), money(c?.insurance) == "" ? "0" : money(c?.insurance))
        f(.advance, "Advance", .text(required: false), money(c?.advance))
        f(.balanceDue, "Balance due", .choice(["before shipment", "after shipment"]), choice: c?.balanceDue == .afterShipment ? 1 : 0)
        // A promised dispatch or delivery date, which the change rules then hold the supplier to.
        // Before the remarks, which stay last (one S-Tab from the top reaches them).
        f(.guaranteedDate, "Guaranteed date", .choice(["no", "yes"]), choice: c?.guaranteedDate == true ? 1 : 0)
        // Remarks keep their line breaks (a pasted note stays as written) and may run longer.
        fields.append(Field(key: .remarks, base: FormModel.Field(label: "Remarks", kind: .text(required: false),
                                                                 editor: LineEditor(c?.remarks ?? "", maxLength: Self.maxLength(.remarks), allowsNewlines: true))))
    }

    /// What the domain stores for each text term (Contract.problems); amounts and dates are short.
    static func maxLength(_ key: Key) -> Int {
        switch key {
        case .line(_, .description), .destination: return 500
        case .line(_, .unit): return 20
        case .line(_, .quality): return 2_000
        case .namedPlace: return 200
        case .remarks: return 4_000
        default: return 40
        }
    }

    func index(of key: Key) -> Int? { fields.firstIndex { $0.key == key } }
    func value(_ key: Key) -> String { index(of: key).map { fields[$0].base.value } ?? "" }

    /// Adds an empty line after the last one and moves to it.
    func addLine() {
        let n = lineCount
        lineCount += 1
        guard let after = fields.lastIndex(where: { if case .line = $0.key { return true }; return false }) else { return }
        let new: [Field] = [
            Field(key: .line(n, .description), base: FormModel.field("\(n + 1) Item", .text(required: false), maxLength: Self.maxLength(.line(n, .description)))),
            Field(key: .line(n, .quantity), base: FormModel.field("  Quantity", .text(required: false), maxLength: Self.maxLength(.line(n, .quantity)))),
            Field(key: .line(n, .unit), base: FormModel.field("  Unit", .text(required: false), "pcs", maxLength: Self.maxLength(.line(n, .unit)))),
            Field(key: .line(n, .price), base: FormModel.field("  Unit price", .text(required: false), maxLength: Self.maxLength(.line(n, .price)))),
            Field(key: .line(n, .quality), base: FormModel.field("  Quality", .text(required: false), maxLength: Self.maxLength(.line(n, .quality)))),
            Field(key: .line(n, .inspection), base: FormModel.field("  Inspection", .choice(["no", "yes"]))),
        ]
        fields.insert(contentsOf: new, at: after + 1)
        focus = after + 1
    }

    /// Removes the line the cursor is in (the last remaining line is emptied instead).
    func removeLine() {
        guard fields.indices.contains(focus), case let .line(n, _) = fields[focus].key else { return }
        if lineCount == 1 {
            for i in fields.indices { if case .line = fields[i].key, !isChoice(i) { fields[i].base.editor.text = "" } }
            return
        }
        fields.removeAll { if case .line(n, _) = $0.key { return true }; return false }
        // Renumber the lines after it.
        for i in fields.indices {
            if case let .line(m, part) = fields[i].key, m > n {
                var base = fields[i].base
                if part == .description { base = FormModel.Field(label: "\(m) Item", kind: base.kind, editor: base.editor) }
                fields[i] = Field(key: .line(m - 1, part), base: base)
            }
        }
        lineCount -= 1
        focus = min(focus, fields.count - 1)
    }

    func isChoice(_ i: Int) -> Bool {
        if case .choice = fields[i].base.kind { return true }
        return false
    }

    /// Editing keys; false for keys the form does not take (Enter, Esc).
    func edit(_ key: TradeGuardUI.Key) -> Bool {
        guard fields.indices.contains(focus) else { return false }
        switch key {
        case .tab, .down: focus = (focus + 1) % fields.count
        case .backTab, .up: focus = (focus + fields.count - 1) % fields.count
        case .control("n"): addLine()
        case .control("d"): removeLine()
        case .left where isChoice(focus), .right where isChoice(focus), .character(" ") where isChoice(focus):
            if case let .choice(options) = fields[focus].base.kind {
                let step = key == .left ? options.count - 1 : 1
                fields[focus].base.choiceIndex = (fields[focus].base.choiceIndex + step) % options.count
            }
        default:
            if isChoice(focus) { return key != .enter && key != .escape }
            fields[focus].base.apply(key)
            return key != .enter && key != .escape
        }
        return true
    }

    /// The values as opened, to know whether Esc would throw typing away.
    private(set) var openedValues: [String] = []
    var isChanged: Bool { fields.map(\.base.value) != openedValues }
    /// Esc was pressed once on a changed form: the next Esc throws it away.
    var escapePending = false

    // MARK: Assembling

    var currency: Currency { Currency.named(value(.currency)) ?? .usd }
    var counterparty: Handle? { try? Handle(value(.counterparty)) }

    /// The contract as typed. With `strict`, every unparsable field gets a precise error and the
    /// result is nil; without, unparsable parts are skipped (for the live preview).
    func contract(strict: Bool) -> Contract? {
        var failed = false
        func fail(_ key: Key, _ message: String) {
            failed = true
            if strict, let i = index(of: key) { fields[i].base.error = message }
        }
        func amount(_ key: Key, allowZero: Bool, emptyAsZero: Bool = false) -> Money? {
            let text = value(key).trimmingCharacters(in: .whitespaces)
            if text.isEmpty && emptyAsZero { return .zero(currency) }
            do throws(AmountError) { return try AmountParser.parse(text, currency: currency, allowZero: allowZero) } catch {
                fail(key, error.description)
                return nil
            }
        }
        var lines: [LineItem] = []
        for n in 0..<lineCount {
            let description = value(.line(n, .description))
            let quantityText = value(.line(n, .quantity)), priceText = value(.line(n, .price))
            // A completely empty line is simply not there yet.
            if description.isEmpty && quantityText.isEmpty && priceText.isEmpty { continue }
            var quantity: Quantity?
            do throws(QuantityError) { quantity = try Quantity.parse(quantityText) } catch { fail(.line(n, .quantity), error.description) }
            let price = amount(.line(n, .price), allowZero: false)
            if let quantity, let price {
                lines.append(LineItem(description: description, quantity: quantity, unit: value(.line(n, .unit)), unitPrice: price,
                                      quality: value(.line(n, .quality)), inspectionRequired: value(.line(n, .inspection)) == "yes"))
            }
        }
        let rule: ShipDateRule? = {
            let text = value(.shipValue).trimmingCharacters(in: .whitespaces)
            if value(.shipRule) == "fixed date" {
                do throws(DateError) { return .fixed(try CalendarDate.parse(text)) } catch { fail(.shipValue, error.description); return nil }
            }
            guard let days = Int(text), (1...365).contains(days) else { fail(.shipValue, "Give a number of days from 1 to 365."); return nil }
            return value(.shipRule) == "days after advance" ? .daysAfterAdvance(days) : .daysAfterBalance(days)
        }()
        var delivery: CalendarDate?
        if !value(.expectedDelivery).isEmpty {
            do throws(DateError) { delivery = try CalendarDate.parse(value(.expectedDelivery)) } catch { fail(.expectedDelivery, error.description) }
        }
        let freight = amount(.freight, allowZero: true, emptyAsZero: true)
        let insurance = amount(.insurance, allowZero: true, emptyAsZero: true)
        let advance = value(.advance).isEmpty ? Money.zero(currency) : amount(.advance, allowZero: true)
        if counterparty == nil { fail(.counterparty, "There is no counterparty to trade with.") }
        guard let rule, let freight, let insurance, let advance, !(strict && failed) else { return nil }
        return Contract(kind: value(.kind) == "rts" ? .rts : .custom, currency: currency, lines: lines,
                        incoterm: Incoterm(rawValue: value(.incoterm)) ?? .FOB, namedPlace: value(.namedPlace),
                        shippingMethod: ShippingMethod(rawValue: value(.method)) ?? .sea, shipDate: rule, expectedDelivery: delivery,
                        destination: value(.destination), freight: freight, insurance: insurance, advance: advance,
                        balanceDue: value(.balanceDue) == "after shipment" ? .afterShipment : .beforeShipment, remarks: value(.remarks),
                        guaranteedDate: value(.guaranteedDate) == "yes")
    }
}

extension AppModel {
    /// Opens the contract form (a new draft, or the draft in view).
    func openContract(_ form: ContractFormModel?) {
        guard let form else { return }
        overlay = .contract(form)
        readForFrame()
    }

    /// Saves the form: a new draft, or the edit of one (refused if it changed meanwhile).
    func saveContract(_ form: ContractFormModel) throws {
        guard let session, let (contract, counterparty) = form.checkedForSaving(today: clock.utcDate, status: self) else { return }
        do {
            switch form.mode {
            case .new:
                let order = try store.draft(contract, counterparty: counterparty, as: session.actor)
                overlay = nil
                reloadAfterChange()
                workspace?.currentList?.select(order.code, visible: tableHeight)
                show("Saved draft \(order.code) (\(order.total)). Press \(keyName("order.submit")) to submit it when it is complete.")
            case let .edit(code, version):
                // A refusal or a busy database keeps the contract form open with what was typed.
                if let error = try perform(.edit(contract), on: code, version: version) {
                    form.message = error.description + (error.isRetryable ? registry.retryHint("contract.save") : "")
                    if case let .staleVersion(_, _, whatChanged) = error, let fresh = try? store.order(code, as: session.actor) {
                        // Someone saved this draft meanwhile: say what they changed; only a
                        // second, deliberate Enter saves this text over theirs.
                        let changed = form.opened.map { fresh.contract.changedTerms(comparedTo: $0) } ?? []
                        let what = changed.isEmpty ? "" : ": they changed the \(changed.joined(separator: ", "))"
                        form.message = "Draft \(code) was saved by someone else since you opened it (\(whatChanged))\(what). Nothing was "
                            + "overwritten and your text is kept: press \(keyName("contract.save")) to save it over theirs, "
                            + "or \(keyName("contract.cancel")) to keep theirs."
                        form.mode = .edit(code, version: fresh.version)
                        form.opened = fresh.contract
                    }
                    overlay = .contract(form)
                }
            }
        } catch let error as StoreError {
            form.message = error.description + (error.isRetryable ? registry.retryHint("contract.save") : "")
            overlay = .contract(form)
        }
    }

}

extension ContractFormModel {
    /// The contract and counterparty to save, checked as submitting would check them; nil
    /// when something is wrong: each field's error marked (the cursor on the first), or every
    /// problem of the contract said in a box on `status`.
    func checkedForSaving(today: CalendarDate, status: StatusMessages) -> (Contract, Handle)? {
        message = nil
        for i in fields.indices { fields[i].base.error = nil }
        guard let contract = contract(strict: true), let counterparty else {
            focus = fields.firstIndex { $0.base.error != nil } ?? focus
            return nil
        }
        // What submitting would refuse is refused now, every problem in full: no draft is
        // saved that cannot be submitted (an empty form is not a US$0 contract).
        let problems = contract.problems(today: today)
        guard problems.isEmpty else {
            status.showList("The contract cannot be saved yet: \(problems.count == 1 ? "one thing needs" : "\(problems.count) things need") fixing",
                            problems.map(\.description))
            return nil
        }
        return (contract, counterparty)
    }

    /// Total and coverage as typed so far, for the live line under the form, `me` being the
    /// party filling it in (reads the supplier's limit and the rates: call it between keys,
    /// not while drawing).
    func readPreview(store: Store, me: Handle, today: CalendarDate) -> String {
        guard let contract = contract(strict: false), let total = try? contract.total() else { return "Total: -" }
        var text = "Total \(total)"
        if let supplierHandle = side == .supplier ? me : counterparty,
           let supplier = try? store.party(supplierHandle),
           let rate = contract.currency == .usd ? ExchangeRate.usd(on: today)
               : (try? store.currentRates(on: today))?.first(where: { $0.currency == contract.currency }),
           let coverage = try? Coverage.preview(total: total, rate: rate, available: supplier.party.isSuspended ? .zero(.usd) : supplier.position.available) {
            text += " · covered \(coverage.covered) · uncovered \(coverage.uncovered)"
        }
        if let balance = try? contract.balance() { text += " · balance \(balance)" }
        return text
    }
}
