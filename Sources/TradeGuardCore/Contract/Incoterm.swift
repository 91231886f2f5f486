/// Incoterms 2020: who books and pays for transport, and where risk passes.
public enum Incoterm: String, Sendable, CaseIterable, Codable {
    case EXW, FCA, CPT, CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF

    public var title: String {
        switch self {
        case .EXW: return "Ex Works"
        case .FCA: return "Free Carrier"
        case .CPT: return "Carriage Paid To"
        case .CIP: return "Carriage and Insurance Paid To"
        case .DAP: return "Delivered at Place"
        case .DPU: return "Delivered at Place Unloaded"
        case .DDP: return "Delivered Duty Paid"
        case .FAS: return "Free Alongside Ship"
        case .FOB: return "Free on Board"
        case .CFR: return "Cost and Freight"
        case .CIF: return "Cost, Insurance and Freight"
        }
    }

    /// Sea and inland-waterway terms only.
    public var isSeaOnly: Bool { [.FAS, .FOB, .CFR, .CIF].contains(self) }

    /// Terms under which the buyer books the main carriage, so the contract carries no freight.
    public var buyerArrangesFreight: Bool { [.EXW, .FCA, .FAS, .FOB].contains(self) }
}

/// How the goods travel, and the transit days used to estimate delivery.
public enum ShippingMethod: String, Sendable, CaseIterable, Codable {
    case sea, air, express, land

    public var transitDays: Int {
        switch self {
        case .sea: return 30
        case .air: return 7
        case .express: return 5
        case .land: return 10
        }
    }

    /// Days the buyer has to confirm receipt after shipment before it completes by itself.
    public var receiptWindowDays: Int {
        switch self {
        case .air, .express: return 30
        case .sea, .land: return 60
        }
    }
}
