/// A term of a confirmed contract as the change rules name it. Every contract field belongs to
/// exactly one (see `ChangeRules.terms(changedFrom:to:)`).
public enum AmendableTerm: String, Sendable, CaseIterable, Codable {
    /// The unit prices of the lines (the goods themselves stay as confirmed).
    case price
    /// The freight charged to the buyer.
    case shippingFee = "shipping-fee"
    /// Where in the destination country the goods go (street, city, receiver).
    case deliveryAddress = "delivery-address"
    /// How the goods travel: the shipping method and the named place.
    case route
    /// The country the goods go to: the last part of the destination ("…, Hamburg, DE").
    case destinationCountry = "destination-country"
    /// When the supplier must ship (the ship-date rule, the delivery date): moved only by an
    /// extension the buyer accepts.
    case dispatchTime = "dispatch-time"
    /// The days the buyer has to confirm receipt after shipping.
    case receiptWindow = "receipt-window"
    /// Everything else: goods, quantities, quality, Incoterm, insurance, payment terms, remarks.
    case otherTerms = "other-terms"

    /// The term in a sentence ("the delivery address").
    public var title: String {
        switch self {
        case .price: return "the price"
        case .shippingFee: return "the shipping fee"
        case .deliveryAddress: return "the delivery address"
        case .route: return "the route"
        case .destinationCountry: return "the destination country"
        case .dispatchTime: return "the dispatch time"
        case .receiptWindow: return "the receipt window"
        case .otherTerms: return "the goods and payment terms"
        }
    }
}

/// One cell of the permission table.
public enum ChangePermission: Equatable, Sendable {
    case may
    /// Why not, in the service's words.
    case mayNot(String)

    public var isAllowed: Bool { self == .may }
}

/// The one permission table for changes after confirmation: order state × term × party →
/// may propose, or may not and why. The real service's rules (rules-2026 §1.4, domain §1.3):
/// before payment the supplier may change the price and add shipping fees; once paid only the
/// delivery address and the route change (the new route's freight at most 120% of the old, and
/// no refund or top-up follows); the destination country never changes; a guaranteed dispatch
/// or delivery date freezes dispatch time and route; the shipping date moves by extensions of
/// at most 90 days in all; once shipped only the receipt window changes (15 days, once per
/// party, 30 in all). Amendments, shipping extensions and receipt extensions all ask this table.
public enum ChangeRules {
    static let paid: Set<OrderState> = [.advancePaid, .inProduction, .readyToShip]

    public static let guaranteedReason = "This order has a guaranteed dispatch or delivery date: its dispatch time and route cannot change."

    /// May `party` propose a change of `term` on an order in `state`?
    public static func permission(_ term: AmendableTerm, state: OrderState, party: PartyKind,
                                  guaranteedDate: Bool) -> ChangePermission {
        guard party == .supplier || party == .buyer else { return .mayNot("Only the buyer and the supplier change their contract.") }
        if term == .destinationCountry {
            return .mayNot("The destination country never changes; cancel and order again to ship to another country.")
        }
        if guaranteedDate && (term == .dispatchTime || term == .route) && !state.isFinished { return .mayNot(guaranteedReason) }
        switch state {
        case .draft, .awaitingConfirmation:
            return .mayNot("Until the contract is confirmed, its drafter edits it and the other party confirms or asks for changes.")
        case .awaitingPayment:
            switch term {
            case .price:
                return party == .supplier ? .may : .mayNot("Before payment only the supplier may change the price; ask the supplier for it.")
            case .shippingFee:
                return party == .supplier ? .may : .mayNot("Before payment only the supplier may add shipping fees.")
            case .deliveryAddress, .route:
                return .may
            case .dispatchTime:
                return .mayNot("The shipping date moves only by an extension, once the order is paid.")
            case .receiptWindow:
                return .mayNot("The receipt window can be extended only once the goods have shipped.")
            case .otherTerms, .destinationCountry:
                return .mayNot("After confirmation the goods, quantities and payment terms stay as confirmed; cancel and draft again.")
            }
        case .advancePaid, .inProduction, .readyToShip:
            switch term {
            case .deliveryAddress, .route:
                return .may
            case .price:
                return .mayNot("Once paid, the order amount cannot change; only the delivery address and the route may.")
            case .shippingFee:
                return .mayNot("Once paid, no shipping fee is added or refunded; a new route keeps the freight already agreed.")
            case .dispatchTime:
                return party == .supplier ? .may
                    : .mayNot("The supplier asks for a later shipping date; the buyer accepts or declines it.")
            case .receiptWindow:
                return .mayNot("The receipt window can be extended only once the goods have shipped.")
            case .otherTerms, .destinationCountry:
                return .mayNot("Once paid, only the delivery address and the route may change.")
            }
        case .shipped:
            return term == .receiptWindow ? .may : .mayNot("Nothing changes once the goods have shipped, except the receipt window.")
        case .disputed:
            return .mayNot("The order is frozen while the dispute is open.")
        case .completed, .closed, .cancelled, .refunded:
            return .mayNot("Nothing changes once the order is \(state.title.lowercased()).")
        }
    }

    /// The terms a proposal to change `old` into `new` touches, in table order. `old` is the
    /// contract as it stands; a destination whose country part differs touches the country.
    public static func terms(changedFrom old: Contract, to new: Contract) -> [AmendableTerm] {
        var found: Set<AmendableTerm> = []
        if old.lines != new.lines {
            let samePrices = old.lines.count == new.lines.count && zip(old.lines, new.lines).allSatisfy { a, b in
                var b = b
                b.unitPrice = a.unitPrice
                return a == b
            }
            found.insert(samePrices ? .price : .otherTerms)
        }
        if old.freight != new.freight { found.insert(.shippingFee) }
        if old.destination != new.destination {
            found.insert(DestinationCountry.of(old.destination) == DestinationCountry.of(new.destination) ? .deliveryAddress : .destinationCountry)
        }
        if old.shippingMethod != new.shippingMethod || old.namedPlace != new.namedPlace { found.insert(.route) }
        if old.shipDate != new.shipDate || old.expectedDelivery != new.expectedDelivery { found.insert(.dispatchTime) }
        if old.kind != new.kind || old.currency != new.currency || old.incoterm != new.incoterm || old.insurance != new.insurance
            || old.advance != new.advance || old.balanceDue != new.balanceDue || old.remarks != new.remarks
            || old.guaranteedDate != new.guaranteedDate {
            found.insert(.otherTerms)
        }
        return AmendableTerm.allCases.filter(found.contains)
    }
}

extension OrderState {
    /// The order has ended or is past delivery: nothing about dispatch matters any more.
    var isFinished: Bool { [.completed, .closed, .cancelled, .refunded].contains(self) }
}

/// The country of a delivery address: its last comma-separated part when that is an ISO
/// 3166-1 code ("Speicherstadt 4, Hamburg, DE" → DE), else nil. Two addresses are in the same
/// country when these agree — so an address that names its country keeps it, and one that
/// names none cannot gain one.
public enum DestinationCountry {
    public static func of(_ destination: String) -> String? {
        guard let last = destination.split(separator: ",").last else { return nil }
        let code = String(last).trimmingSpaces().uppercased()
        return code.count == 2 && CountryCodes.assigned.contains(code) ? code : nil
    }
}
