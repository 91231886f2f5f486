import TradeGuardCore
import TradeGuardStore

/// One party's workspace: its tabs, the order queue, and the open detail if any.
final class Workspace {
    let store: Store
    let session: Session
    let tabs: [WorkspaceTab]
    var activeTab: Int
    let orders: OrderListModel
    var detail: OrderDetailModel?
    var filterEditor: LineEditor?
    /// The party's limit figures for the title bar (suppliers).
    var limit: LimitSummary?
    /// What the buyer's open orders have covered and not (buyers).
    var exposure: BuyerExposure?

    init(store: Store, session: Session) throws {
        self.store = store
        self.session = session
        tabs = WorkspaceTab.tabs(for: session.side)
        activeTab = tabs.firstIndex(of: .orders) ?? 0
        orders = OrderListModel(store: store, party: session.party.handle, side: session.side)
        try orders.reload()
        try refreshLimit()
    }

    var tab: WorkspaceTab { tabs[activeTab] }

    func refresh() throws {
        try orders.refresh()
        try refreshLimit()
        if let detail { try detail.reload() }
    }

    private func refreshLimit() throws {
        limit = session.side == .supplier ? try store.limitSummary(session.party.handle) : nil
        exposure = session.side == .buyer ? try store.buyerExposure(session.party.handle) : nil
    }
}

/// The tabs of DESIGN §5, per side.
enum WorkspaceTab: String, CaseIterable {
    case overview = "Overview", limits = "Limits", suppliers = "Suppliers", drafts = "Drafts"
    case confirmations = "Confirmations", payments = "Payments", predelivery = "Pre-delivery"
    case deliveries = "Deliveries", orders = "Orders"

    static func tabs(for side: PartyKind) -> [WorkspaceTab] {
        side == .supplier
            ? [.overview, .limits, .drafts, .confirmations, .payments, .predelivery, .orders]
            : [.overview, .suppliers, .drafts, .confirmations, .payments, .deliveries, .orders]
    }

    /// What a tab not built yet will hold — said plainly, with no made-up data.
    var comingSoon: String {
        switch self {
        case .overview: return "orders awaiting you (nearest deadline first, with a countdown), orders awaiting the other side, overdue orders, and a T-7 / T-3 / T-1 deadline ladder for the next two weeks."
        case .limits: return "your protection limit: granted, reserved and available as a bar and as figures, the formula term by term, the orders holding reservations, and the history of recomputes."
        case .suppliers: return "the suppliers you trade with, their protection badge and available limit, and your covered and uncovered amounts per open order."
        case .drafts: return "your draft contracts, with a form to write and edit them and the covered / uncovered split updating as you type."
        case .confirmations: return "contracts awaiting your confirmation (confirm, or request changes with a reason) and contracts awaiting the other side."
        case .payments: return "per order: the payment terms, what is paid and outstanding, the payment link, and the payments received."
        case .predelivery: return "orders in production: the pre-delivery checklist, the buyer-contact rule, and shipping."
        case .deliveries: return "shipped orders awaiting your receipt confirmation, and the supplier's checklist progress for orders in production."
        case .orders: return ""
        }
    }
}
