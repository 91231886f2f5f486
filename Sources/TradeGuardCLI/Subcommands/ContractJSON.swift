import TradeGuardCore

/// A mistake in a JSON contract, named by its path as jq writes it (`lines[0].unitPrice`,
/// indexes from 0).
struct ContractInputError: Error, CustomStringConvertible {
    let path: String
    let message: String
    var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// The contract of `tradeguard draft --json` (README "Command line"): what it holds and how it
/// becomes a `Contract`. Strict: unknown keys, wrong types and JSON numbers for money are
/// refused, every amount is parsed by AmountParser in the contract's currency, and every text
/// is checked by the domain's TextRules — each error names the field.
struct ContractJSON {
    let counterparty: Handle
    let contract: Contract

    static let topKeys = ["counterparty", "currency", "kind", "lines", "incoterm", "namedPlace", "shipping", "destination",
                          "freight", "insurance", "advance", "balanceDue", "remarks", "guaranteedDate"]
    static let lineKeys = ["description", "quantity", "unit", "unitPrice", "quality", "inspectionRequired"]
    static let shippingKeys = ["method", "date", "daysAfter", "days", "expectedDelivery"]

    // The domain's limits (Contract.problems), repeated so errors can name the JSON path.
    static let limits = (description: 500, unit: 20, quality: 2000, namedPlace: 200, destination: 500, remarks: 4000)

    static func decode(_ bytes: [UInt8]) throws(ContractInputError) -> ContractJSON {
        let root: JSON
        do { root = try JSONParser.parse(bytes) } catch {
            throw ContractInputError(path: "", message: "The contract is not valid JSON (\(error.description)).")
        }
        let top = try Fields(root, path: "", allowed: topKeys)

        let counterpartyText = try top.string("counterparty", required: true)!
        let counterparty: Handle
        do { counterparty = try Handle(counterpartyText) } catch {
            throw ContractInputError(path: "counterparty", message: error.description)
        }
        let currencyText = try top.string("currency", required: true)!
        guard let currency = Currency.named(currencyText) else {
            throw ContractInputError(path: "currency", message: "\(TextRules.quoted(currencyText)) is not a currency TradeGuard trades in (\(Currency.all.map(\.code).joined(separator: ", "))).")
        }
        let kind = try top.choice("kind", OrderKind.self)
        let incoterm = try top.choice("incoterm", Incoterm.self, uppercase: true)
        let balanceDue = try top.choice("balanceDue", BalanceDue.self)

        guard case let .array(items)? = top.fields["lines"] else {
            if let other = top.fields["lines"] { throw ContractInputError(path: "lines", message: "must be an array of line items, not \(other.kindName).") }
            throw ContractInputError(path: "lines", message: "this field is required.")
        }
        guard !items.isEmpty else { throw ContractInputError(path: "lines", message: "give at least one line item.") }
        guard items.count <= 1000 else { throw ContractInputError(path: "lines", message: "at most 1000 line items.") }
        var lines: [LineItem] = []
        for (index, item) in items.enumerated() {
            let line = try Fields(item, path: "lines[\(index)]", allowed: lineKeys)
            let description = try line.text("description", max: limits.description, required: true)
            let quantityText = try line.decimalString("quantity", example: "10.5")
            let quantity: Quantity
            do { quantity = try Quantity.parse(quantityText) } catch {
                throw ContractInputError(path: line.path("quantity"), message: error.description)
            }
            let unit = try line.text("unit", max: limits.unit, required: true)
            let unitPrice = try line.money("unitPrice", currency: currency)
            let quality = try line.text("quality", max: limits.quality, required: false)
            let inspection = try line.bool("inspectionRequired") ?? false
            lines.append(LineItem(description: description, quantity: quantity, unit: unit, unitPrice: unitPrice,
                                  quality: quality, inspectionRequired: inspection))
        }

        guard let shippingValue = top.fields["shipping"] else { throw ContractInputError(path: "shipping", message: "this field is required.") }
        let shipping = try Fields(shippingValue, path: "shipping", allowed: shippingKeys)
        let method = try shipping.choice("method", ShippingMethod.self)
        let shipDate: ShipDateRule
        let hasDate = shipping.fields["date"] != nil
        let hasAfter = shipping.fields["daysAfter"] != nil || shipping.fields["days"] != nil
        if hasDate && hasAfter {
            throw ContractInputError(path: "shipping", message: "give either date, or daysAfter and days — not both.")
        } else if hasDate {
            shipDate = .fixed(try shipping.date("date")!)
        } else if hasAfter {
            let after = try shipping.string("daysAfter", required: true)!
            let days = try shipping.integer("days", range: 1...365)
            switch after {
            case "advance": shipDate = .daysAfterAdvance(days)
            case "balance": shipDate = .daysAfterBalance(days)
            default: throw ContractInputError(path: "shipping.daysAfter", message: "must be \"advance\" or \"balance\" (got \(TextRules.quoted(after))).")
            }
        } else {
            throw ContractInputError(path: "shipping", message: "give the shipping date: date (YYYY-MM-DD), or daysAfter (advance|balance) and days.")
        }
        let expected = try shipping.date("expectedDelivery")

        let contract = Contract(
            kind: kind, currency: currency, lines: lines, incoterm: incoterm,
            namedPlace: try top.text("namedPlace", max: limits.namedPlace, required: true),
            shippingMethod: method, shipDate: shipDate, expectedDelivery: expected,
            destination: try top.text("destination", max: limits.destination, required: true),
            freight: try top.money("freight", currency: currency, allowZero: true, required: false) ?? .zero(currency),
            insurance: try top.money("insurance", currency: currency, allowZero: true, required: false) ?? .zero(currency),
            advance: try top.money("advance", currency: currency),
            balanceDue: balanceDue,
            remarks: try top.text("remarks", max: limits.remarks, required: false, newlines: true),
            // A guaranteed dispatch or delivery date freezes dispatch time and route once confirmed.
            guaranteedDate: try top.bool("guaranteedDate") ?? false)
        do { _ = try contract.total() } catch {
            throw ContractInputError(path: "", message: "The total of the lines, freight and insurance is too large to record.")
        }
        return ContractJSON(counterparty: counterparty, contract: contract)
    }
}

/// One JSON object being read: its fields, where it sits, and the keys it may hold.
private struct Fields {
    let fields: [String: JSON]
    let base: String

    init(_ value: JSON, path: String, allowed: [String]) throws(ContractInputError) {
        guard case let .object(fields) = value else {
            throw ContractInputError(path: path, message: path.isEmpty ? "The contract must be a JSON object, not \(value.kindName)."
                                     : "must be an object, not \(value.kindName).")
        }
        if let unknown = fields.keys.filter({ !allowed.contains($0) }).sorted().first {
            let place = path.isEmpty ? "in the contract" : "in \(path)"
            throw ContractInputError(path: "", message: "Unknown key \(TextRules.quoted(unknown)) \(place) (allowed: \(allowed.joined(separator: ", "))).")
        }
        self.fields = fields
        self.base = path
    }

    func path(_ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

    private func fail(_ key: String, _ message: String) -> ContractInputError { ContractInputError(path: path(key), message: message) }

    func string(_ key: String, required: Bool) throws(ContractInputError) -> String? {
        switch fields[key] {
        case nil, .null?:
            if required { throw fail(key, "this field is required.") }
            return nil
        case let .string(text)?: return text
        case let other?: throw fail(key, "must be a string, not \(other.kindName).")
        }
    }

    /// Text checked by the domain's rules (no control, bidi or zero-width characters; length).
    func text(_ key: String, max: Int, required: Bool, newlines: Bool = false) throws(ContractInputError) -> String {
        guard let text = try string(key, required: required) else { return "" }
        do {
            return try TextRules.validate(text, field: Self.fieldName(key), maxLength: max, required: required, allowNewlines: newlines)
        } catch { throw fail(key, error.description) }
    }

    /// A decimal that must arrive as a string so it stays exact.
    func decimalString(_ key: String, example: String) throws(ContractInputError) -> String {
        switch fields[key] {
        case nil, .null?: throw fail(key, "this field is required.")
        case let .string(text)?: return text
        case .number?: throw fail(key, "must be a decimal string such as \"\(example)\", not a JSON number.")
        case let other?: throw fail(key, "must be a decimal string such as \"\(example)\", not \(other.kindName).")
        }
    }

    func money(_ key: String, currency: Currency, allowZero: Bool = false) throws(ContractInputError) -> Money {
        try money(key, currency: currency, allowZero: allowZero, required: true)!
    }

    func money(_ key: String, currency: Currency, allowZero: Bool, required: Bool) throws(ContractInputError) -> Money? {
        if !required, fields[key] == nil || fields[key] == .null { return nil }
        let example = currency.exponent == 0 ? "1200" : "50." + String(repeating: "0", count: currency.exponent)
        let text = try decimalString(key, example: example)
        do { return try AmountParser.parse(text, currency: currency, allowZero: allowZero) } catch {
            throw fail(key, error.description)
        }
    }

    func bool(_ key: String) throws(ContractInputError) -> Bool? {
        switch fields[key] {
        case nil, .null?: return nil
        case let .bool(value)?: return value
        case let other?: throw fail(key, "must be true or false, not \(other.kindName).")
        }
    }

    func integer(_ key: String, range: ClosedRange<Int>) throws(ContractInputError) -> Int {
        switch fields[key] {
        case nil, .null?: throw fail(key, "this field is required.")
        case let .number(text)?:
            guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
                throw fail(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(text)).")
            }
            guard range.contains(value) else { throw fail(key, "must be from \(range.lowerBound) to \(range.upperBound) (got \(value)).") }
            return value
        case let other?: throw fail(key, "must be a whole number (a JSON number), not \(other.kindName).")
        }
    }

    func date(_ key: String) throws(ContractInputError) -> CalendarDate? {
        guard let text = try string(key, required: false) else { return nil }
        do { return try CalendarDate.parse(text) } catch { throw fail(key, error.description) }
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, uppercase: Bool = false) throws(ContractInputError) -> T
        where T.RawValue == String {
        let text = try string(key, required: true)!
        if let value = T(rawValue: uppercase ? text.uppercased() : text) { return value }
        throw fail(key, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")) (got \(TextRules.quoted(text))).")
    }

    /// How the domain names a field in its sentences ("named place", "unit price" …).
    static func fieldName(_ key: String) -> String {
        switch key {
        case "namedPlace": return "named place"
        case "quality": return "quality criteria"
        default: return key
        }
    }
}
