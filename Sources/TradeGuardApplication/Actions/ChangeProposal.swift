import TradeGuardCore

/// A change proposal as a person gives it — a line's new price, a new freight, a new delivery
/// address, a new route and the route's freight — turned into the complete contract the
/// workflow judges. The app's form and `tradeguard do propose-change` both build it here.
public struct ChangeProposal: Sendable, Equatable {
    public var linePrice: (line: Int, price: Money)?
    public var freight: Money?
    public var address: String?
    public var route: ShippingMethod?
    public var routeFreight: Money?

    public init(linePrice: (line: Int, price: Money)? = nil, freight: Money? = nil, address: String? = nil,
                route: ShippingMethod? = nil, routeFreight: Money? = nil) {
        self.linePrice = linePrice
        self.freight = freight
        self.address = address
        self.route = route
        self.routeFreight = routeFreight
    }

    public static func == (a: ChangeProposal, b: ChangeProposal) -> Bool {
        a.linePrice?.line == b.linePrice?.line && a.linePrice?.price == b.linePrice?.price && a.freight == b.freight
            && a.address == b.address && a.route == b.route && a.routeFreight == b.routeFreight
    }

    /// The catalogue's fields of `propose-change`, in form order.
    static let fields: [ActionField] = [
        ActionField("Unit price", option: "price", placeholder: "N:A", .linePrice, required: false),
        ActionField("Freight", option: "freight", placeholder: "A", .amount(allowZero: true), required: false),
        ActionField("Address", option: "address", placeholder: "T", .text(maxLength: 500), required: false),
        // M: sea, air, express or land (the usage line stays within 100 columns).
        ActionField("Route", option: "route", placeholder: "M", .shippingMethod, required: false),
        ActionField("Route fee", option: "route-fee", placeholder: "A", .amount(allowZero: true), required: false),
        .reason,
    ]

    /// `current` with the proposal applied, or the sentence saying why it cannot be.
    public func contract(from current: Contract) throws(ProposalError) -> Contract {
        var next = current
        if let (line, price) = linePrice {
            guard next.lines.indices.contains(line - 1) else { throw .noSuchLine(line, count: next.lines.count) }
            next.lines[line - 1].unitPrice = price
        }
        if let freight { next.freight = freight }
        if let address { next.destination = address }
        if let route { next.shippingMethod = route }
        return next
    }

    /// Reads "N:AMOUNT" (a line's new unit price).
    public static func linePrice(_ text: String, currency: Currency) throws(ProposalError) -> (line: Int, price: Money) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let line = Int(String(parts[0])), line >= 1 else {
            throw .linePriceFormat(text)
        }
        do { return (line, try AmountParser.parse(String(parts[1]), currency: currency)) } catch {
            throw .amount(error.description)
        }
    }
}

/// Why a change proposal could not be built.
public enum ProposalError: Error, Equatable, CustomStringConvertible {
    case noSuchLine(Int, count: Int)
    case linePriceFormat(String)
    case amount(String)
    case nothingGiven

    public var description: String {
        switch self {
        case let .noSuchLine(line, count): return "The contract has no line \(line); it has \(count) line\(count == 1 ? "" : "s")."
        case let .linePriceFormat(text): return "A price change is LINE:AMOUNT, e.g. 2:12.50 (got \(TextRules.quoted(text)))."
        case let .amount(why): return "Unit price: \(why)"
        case .nothingGiven: return "Say what changes: a unit price, the freight, the delivery address or the route."
        }
    }
}
