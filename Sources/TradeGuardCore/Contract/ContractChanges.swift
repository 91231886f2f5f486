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
        return names
    }
}
