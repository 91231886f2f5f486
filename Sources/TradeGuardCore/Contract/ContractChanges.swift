extension Contract {
    /// The terms that differ between this contract and `other`, named as a person reads them
    /// ("line items", "advance", "remarks"), in form order — to say what changed when two
    /// people edit one draft.
    public func changedTerms(comparedTo other: Contract) -> [String] {
        var names: [String] = []
        func note(_ differs: Bool, _ name: String) { if differs { names.append(name) } }
        note(kind != other.kind, "kind")
        note(currency != other.currency, "currency")
        note(lines != other.lines, "line items")
        note(incoterm != other.incoterm, "Incoterm")
        note(namedPlace != other.namedPlace, "named place")
        note(shippingMethod != other.shippingMethod, "shipping method")
        note(shipDate != other.shipDate, "ship date")
        note(expectedDelivery != other.expectedDelivery, "delivery date")
        note(destination != other.destination, "destination")
        note(freight != other.freight, "freight")
        note(insurance != other.insurance, "insurance")
        note(advance != other.advance, "advance")
        note(balanceDue != other.balanceDue, "balance due")
        note(remarks != other.remarks, "remarks")
        note(guaranteedDate != other.guaranteedDate, "guaranteed date")
        return names
    }
}

extension Contract {
    /// What changed from `old` to this contract, term by term, as a person reads it:
    /// "Advance: US$12,000.00 → US$15,000.00", "Line 2 added: …", "Remarks changed: …".
    /// Empty when the terms are the same.
    public func differences(from old: Contract) -> [String] {
        var out: [String] = []
        func note<T: Equatable>(_ name: String, _ a: T, _ b: T, _ show: (T) -> String) {
            if a != b { out.append("\(name): \(show(a)) → \(show(b))") }
        }
        note("Kind", old.kind, kind) { $0 == .rts ? "ready to ship" : "custom" }
        note("Currency", old.currency, currency) { $0.code }
        for index in 0..<max(old.lines.count, lines.count) {
            let n = index + 1
            switch (old.lines.indices.contains(index) ? old.lines[index] : nil, lines.indices.contains(index) ? lines[index] : nil) {
            case let (nil, added?): out.append("Line \(n) added: \(Self.summary(added))")
            case let (removed?, nil): out.append("Line \(n) removed: \(Self.summary(removed))")
            case let (a?, b?):
                note("Line \(n) item", a.description, b.description) { "“\($0)”" }
                note("Line \(n) quantity", a.quantity, b.quantity) { "\($0)" }
                note("Line \(n) unit", a.unit, b.unit) { $0 }
                note("Line \(n) unit price", a.unitPrice, b.unitPrice) { $0.description }
                note("Line \(n) quality", a.quality, b.quality) { "“\($0)”" }
                note("Line \(n) inspection", a.inspectionRequired, b.inspectionRequired) { $0 ? "required" : "not required" }
            case (nil, nil): break
            }
        }
        note("Incoterm", old.incoterm, incoterm) { $0.rawValue }
        note("Named place", old.namedPlace, namedPlace) { "“\($0)”" }
        note("Shipping method", old.shippingMethod, shippingMethod) { $0.rawValue }
        note("Ship date", old.shipDate, shipDate) { $0.summary }
        note("Delivery by", old.expectedDelivery, expectedDelivery) { $0?.iso ?? "not given" }
        note("Destination", old.destination, destination) { "“\($0)”" }
        note("Freight", old.freight, freight) { $0.description }
        note("Insurance", old.insurance, insurance) { $0.description }
        note("Advance", old.advance, advance) { $0.description }
        note("Balance due", old.balanceDue, balanceDue) { $0 == .afterShipment ? "after shipment" : "before shipment" }
        note("Remarks", old.remarks, remarks) { $0.isEmpty ? "none" : "“\($0)”" }
        note("Guaranteed date", old.guaranteedDate, guaranteedDate) { $0 ? "yes" : "no" }
        if let before = try? old.total(), let after = try? total(), before != after { out.append("Total: \(before) → \(after)") }
        return out
    }

    static func summary(_ line: LineItem) -> String { "\(line.description), \(line.quantity) \(line.unit) at \(line.unitPrice)" }
}
