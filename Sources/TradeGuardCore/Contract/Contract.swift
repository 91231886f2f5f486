/// Ready-to-ship (fixed listing) or a customised, negotiated order.
public enum OrderKind: String, Sendable, CaseIterable, Codable {
    case rts, custom
}

/// When the supplier must ship: a fixed day, or N days after the advance or the balance arrives.
public enum ShipDateRule: Hashable, Sendable {
    case fixed(CalendarDate)
    case daysAfterAdvance(Int)
    case daysAfterBalance(Int)

    public var summary: String {
        switch self {
        case let .fixed(date): return "by \(date.iso)"
        case let .daysAfterAdvance(n): return "\(n) days after the advance"
        case let .daysAfterBalance(n): return "\(n) days after the balance"
        }
    }
}

/// When the balance (total − advance) is due.
public enum BalanceDue: String, Sendable, CaseIterable, Codable {
    case beforeShipment, afterShipment
}

/// The terms buyer and supplier agree: everything the other party confirms. Edited freely only
/// while the order is a draft; from confirmation on it changes only by an accepted amendment,
/// term by term as `ChangeRules` allows.
public struct Contract: Hashable, Sendable {
    public var kind: OrderKind
    public var currency: Currency
    public var lines: [LineItem]
    public var incoterm: Incoterm
    public var namedPlace: String
    public var shippingMethod: ShippingMethod
    public var shipDate: ShipDateRule
    /// Given by the parties, or nil to derive it from the ship deadline + transit days.
    public var expectedDelivery: CalendarDate?
    public var destination: String
    public var freight: Money
    public var insurance: Money
    public var advance: Money
    public var balanceDue: BalanceDue
    public var remarks: String
    /// The supplier promised an on-time dispatch or delivery date (a guaranteed-date service):
    /// then, after confirmation, neither the dispatch time nor the route may change [F].
    public var guaranteedDate: Bool

    public init(kind: OrderKind, currency: Currency, lines: [LineItem], incoterm: Incoterm, namedPlace: String,
                shippingMethod: ShippingMethod, shipDate: ShipDateRule, expectedDelivery: CalendarDate? = nil,
                destination: String, freight: Money, insurance: Money, advance: Money,
                balanceDue: BalanceDue, remarks: String = "", guaranteedDate: Bool = false) {
        self.kind = kind
        self.currency = currency
        self.lines = lines
        self.incoterm = incoterm
        self.namedPlace = namedPlace
        self.shippingMethod = shippingMethod
        self.shipDate = shipDate
        self.expectedDelivery = expectedDelivery
        self.destination = destination
        self.freight = freight
        self.insurance = insurance
        self.advance = advance
        self.balanceDue = balanceDue
        self.remarks = remarks
        self.guaranteedDate = guaranteedDate
    }

    /// Σ round-half-up(qty × unit price) + freight + insurance, checked for overflow and currency.
    public func total() throws(MoneyError) -> Money {
        var sum = Money.zero(currency)
        for line in lines { sum = try sum.adding(line.amount()) }
        sum = try sum.adding(freight).adding(insurance)
        guard sum.minorUnits <= Money.maximumMinorUnits else { throw .overflow }
        return sum
    }

    /// total − advance.
    public func balance() throws(MoneyError) -> Money { try total().subtracting(advance) }

    /// Every problem that stops this contract being submitted or confirmed, in reading order.
    /// Empty means it is complete and consistent. `today` checks a fixed ship date is not past.
    public func problems(today: CalendarDate) -> [ContractProblem] {
        var found: [ContractProblem] = []
        if lines.isEmpty { found.append(.noLines) }
        for (index, line) in lines.enumerated() {
            if line.unitPrice.currency != currency || line.quantity.thousandths <= 0 { found.append(.line(index + 1, "has a price in another currency or no quantity")) }
            if line.unitPrice.minorUnits <= 0 { found.append(.line(index + 1, "needs a unit price greater than zero")) }
            if let problem = Contract.textProblem(line.description, "description", 500) { found.append(.line(index + 1, problem)) }
            if let problem = Contract.textProblem(line.unit, "unit", 20) { found.append(.line(index + 1, problem)) }
            if let problem = Contract.textProblem(line.quality, "quality criteria", 2000, required: false) { found.append(.line(index + 1, problem)) }
        }
        for (amount, name) in [(freight, "freight"), (insurance, "insurance")] {
            if amount.currency != currency { found.append(.currency(name)) }
            if amount.minorUnits < 0 { found.append(.negative(name)) }
        }
        if incoterm.buyerArrangesFreight && freight.isPositive { found.append(.freightUnderBuyerTerm(incoterm)) }
        if incoterm.isSeaOnly && shippingMethod != .sea { found.append(.seaOnlyTerm(incoterm, shippingMethod)) }
        if let problem = Contract.textProblem(namedPlace, "named place", 200) { found.append(.field(problem)) }
        if let problem = Contract.textProblem(destination, "destination", 500) { found.append(.field(problem)) }
        if let problem = Contract.textProblem(remarks, "remarks", 4000, required: false, newlines: true) { found.append(.field(problem)) }
        switch shipDate {
        case let .fixed(date) where date < today: found.append(.shipDateInPast(date))
        case let .daysAfterAdvance(n) where !(1...365).contains(n), let .daysAfterBalance(n) where !(1...365).contains(n):
            found.append(.shipDays(n))
        default: break
        }
        if case .daysAfterBalance = shipDate, balanceDue == .afterShipment { found.append(.balanceRuleConflict) }
        if let expected = expectedDelivery {
            if expected < today { found.append(.deliveryInPast(expected)) }
            if case let .fixed(date) = shipDate, expected < date { found.append(.deliveryBeforeShipping(expected, date)) }
        }
        if advance.currency != currency { found.append(.currency("advance")) }
        else if advance.isNegative { found.append(.negative("advance")) }
        else if let total = try? total() {
            if advance.minorUnits <= 0 || advance.minorUnits > total.minorUnits { found.append(.advance(total)) }
        } else {
            found.append(.totalOverflow)
        }
        return found
    }

    private static func textProblem(_ text: String, _ field: String, _ max: Int, required: Bool = true,
                                    newlines: Bool = false) -> String? {
        do {
            _ = try TextRules.validate(text, field: field, maxLength: max, required: required, allowNewlines: newlines)
            return nil
        } catch {
            return error.description
        }
    }
}

/// Why a contract cannot be submitted or confirmed — one sentence each.
public enum ContractProblem: Hashable, Sendable, CustomStringConvertible {
    case noLines
    case line(Int, String)
    case field(String)
    case currency(String)
    case negative(String)
    case freightUnderBuyerTerm(Incoterm)
    case seaOnlyTerm(Incoterm, ShippingMethod)
    case shipDateInPast(CalendarDate)
    case shipDays(Int)
    case balanceRuleConflict
    case deliveryInPast(CalendarDate)
    case deliveryBeforeShipping(CalendarDate, CalendarDate)
    case advance(Money)
    case totalOverflow

    public var description: String {
        switch self {
        case .noLines: return "The contract has no line items."
        case let .line(n, why): return "Line \(n): \(why.prefix(1).lowercased() + why.dropFirst())"
        case let .field(why): return why
        case let .currency(name): return "The \(name) must be in the contract's currency."
        case let .negative(name): return "The \(name) must not be negative."
        case let .freightUnderBuyerTerm(term): return "Under \(term.rawValue) the buyer books the freight, so the contract carries none."
        case let .seaOnlyTerm(term, method): return "\(term.rawValue) is a sea term; it cannot be used for \(method.rawValue) shipping."
        case let .shipDateInPast(date): return "The shipping date \(date.iso) is in the past."
        case let .shipDays(n): return "Shipping must be 1 to 365 days after payment (got \(n))."
        case .balanceRuleConflict: return "The ship date cannot depend on a balance that is due only after shipment."
        case let .deliveryInPast(date): return "The expected delivery \(date.iso) is in the past."
        case let .deliveryBeforeShipping(delivery, ship): return "The expected delivery \(delivery.iso) is before the shipping date \(ship.iso)."
        case let .advance(total): return "The advance must be more than zero and at most the total, \(total)."
        case .totalOverflow: return "The total is too large to record."
        }
    }
}
