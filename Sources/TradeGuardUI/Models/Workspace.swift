import TradeGuardApplication
import TradeGuardCore
import TradeGuardStore

/// One party's workspace: its tabs, the order queue, and the open detail if any.
final class Workspace {
    let store: Store
    let session: Session
    /// The app's keys, for what a dashboard says to press.
    let keys: CommandRegistry
    let tabs: [WorkspaceTab]
    var activeTab: Int
    /// Each queue tab's list, created when first shown.
    private var lists: [WorkspaceTab: OrderListModel] = [:]
    var detail: OrderDetailModel?
    /// The selected order's detail, read and laid out between keys (`AppModel.workAhead`),
    /// with the database's data version when it was read: opening shows it if no other
    /// connection has committed since. Cleared by every refresh (this app's own changes).
    var preparedDetail: (model: OrderDetailModel, dataVersion: Int64)?
    /// The detail pane under a queue (`v`), kept for every tab.
    var showsPane = false
    /// What the pane shows: the selected order's detail once read between keys. Until then it
    /// goes on showing the previous one, under that order's own code (a key repeat does not
    /// blank it at every row); nil after a refresh, when it may be out of date.
    var paneDetail: OrderDetailModel?
    var filterEditor: LineEditor?
    /// The order in view as the workflow sees it, for the order actions (see ActionSubject).
    var actionSubject: ActionSubject?
    /// The rows beside the selection, read as action subjects between keys (`workAhead`): the
    /// next move's hint bar finds its order here instead of reading it while the key waits.
    var subjectsAhead: [ActionSubject] = []
    /// The Limits or Suppliers tab's content, while shown.
    var dashboard: DashboardModel?
    /// The Overview's figures, while it is shown.
    var overview: OverviewFigures?
    var now = Instant(secondsSinceEpoch: 0)
    var time: TimeFormat = .local
    var width = 80
    /// The terminal's height: how many rows a list reads when it is first shown.
    var rowsHint = OrderListModel.page
    /// The party's limit figures for the title bar (suppliers).
    var limit: LimitSummary?
    /// What the buyer's open orders have covered and not (buyers).
    var exposure: BuyerExposure?

    init(store: Store, session: Session, keys: CommandRegistry) throws {
        self.store = store
        self.session = session
        self.keys = keys
        tabs = WorkspaceTab.tabs(for: session.side)
        // "Awaiting me", nearest deadline first, is where the day starts (DESIGN §5).
        activeTab = 0
        try refreshLimit()
        now = try store.now()
        try loadDashboard()
    }

    /// The terminal's width changed: dashboards lay out anew.
    func resized(to width: Int) {
        guard width != self.width else { return }
        self.width = width
        if dashboard != nil { try? loadDashboard() }
    }

    var tab: WorkspaceTab { tabs[activeTab] }

    /// The full list of the party's orders (the Orders tab), loaded when first used: not
    /// before the first frame, which shows the Overview (at a million orders, reading its
    /// first page from a cold disk was a sixth of the start).
    var orders: OrderListModel {
        if let list = lists[.orders] { return list }
        let list = OrderListModel(store: store, party: session.party.handle, side: session.side, scope: .all)
        list.firstPage = max(1, min(OrderListModel.page, rowsHint))
        lists[.orders] = list
        // A failed read leaves the list empty; the next refresh or key tries again and reports.
        try? list.reload()
        return list
    }

    /// The Orders tab's list if it has been loaded.
    var loadedOrders: OrderListModel? { lists[.orders] }

    /// The current tab's list if it is a queue already loaded: reads nothing (the hint bar and
    /// the status line ask it at every frame).
    var loadedCurrentList: OrderListModel? { lists[tab] }

    /// The current queue's list while a filter narrows it and no detail covers it.
    var filteredList: OrderListModel? {
        guard detail == nil, let list = loadedCurrentList, !list.filter.isEmpty else { return nil }
        return list
    }

    /// The list the current tab shows, if it is a queue.
    var currentList: OrderListModel? { tab.scope(for: session.side) == nil ? nil : try? list(for: tab) }

    func list(for tab: WorkspaceTab) throws -> OrderListModel {
        if let list = lists[tab] { return list }
        guard let scope = tab.scope(for: session.side) else { throw StoreError.invalid("The \(tab.rawValue) tab has no list.") }
        let list = OrderListModel(store: store, party: session.party.handle, side: session.side, scope: scope)
        list.firstPage = max(1, min(OrderListModel.page, rowsHint))
        try list.reload()
        lists[tab] = list
        return list
    }

    /// Dashboards already read, with the width and time they were read for: going back to
    /// a tab shows its dashboard again (and where it was scrolled), as a list keeps its rows,
    /// instead of reading the limit's ledger at every Tab. `refresh` forgets them.
    private var keptDashboards: [WorkspaceTab: (width: Int, now: Instant, model: DashboardModel)] = [:]
    private var keptOverview: (now: Instant, figures: OverviewFigures)?

    /// Shows the dashboard of the current tab (if it is one), read unless kept.
    func loadDashboard() throws {
        overview = nil
        dashboard = nil
        switch tab {
        case .overview:
            overview = try keptOverviewFigures()
        case .limits, .suppliers:
            dashboard = try keptDashboard(tab)
        default:
            break
        }
    }

    /// The Overview's figures, read unless kept for this time.
    private func keptOverviewFigures() throws -> OverviewFigures {
        if let kept = keptOverview, kept.now == now { return kept.figures }
        let figures = try store.overview(for: session.party.handle, side: session.side, at: now)
        keptOverview = (now, figures)
        return figures
    }

    /// The Limits or Suppliers dashboard, read unless kept for this width and time.
    private func keptDashboard(_ tab: WorkspaceTab) throws -> DashboardModel {
        if let kept = keptDashboards[tab], kept.width == width, kept.now == now { return kept.model }
        let model = tab == .limits
            ? try DashboardModel.limits(store, try store.party(session.party.handle), time: time, width: width,
                                        activateKey: keys.keyName("limits.activate"))
            : try DashboardModel.suppliers(store, session.party, width: width)
        keptDashboards[tab] = (width, now, model)
        return model
    }

    /// Reads what the tab to the right shows (where Tab goes), without showing it: work
    /// between keys, so that Tab draws what is ready. Kept current like anything already shown.
    func prepareNextTab() {
        let next = tabs[(activeTab + 1) % tabs.count]
        if next.scope(for: session.side) != nil { _ = try? list(for: next) }
        if next == .limits || next == .suppliers { _ = try? keptDashboard(next) }
        if next == .overview { _ = try? keptOverviewFigures() }
    }

    func refresh() throws {
        preparedDetail = nil
        paneDetail = nil
        actionSubject = nil
        subjectsAhead = []
        keptDashboards = [:]
        keptOverview = nil
        for list in lists.values { try list.refresh() }
        if dashboard != nil || overview != nil { try loadDashboard() }
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
    /// Disputed orders, both sides (issue 21): last, so the older tabs keep their numbers. The
    /// platform's: every open dispute, at any stage.
    case disputes = "Disputes"
    /// The platform's queue: disputes escalated to it, waiting for its decision.
    case escalated = "Escalated"

    static func tabs(for side: PartyKind) -> [WorkspaceTab] {
        switch side {
        case .supplier: return [.overview, .limits, .drafts, .confirmations, .payments, .predelivery, .orders, .disputes]
        case .buyer: return [.overview, .suppliers, .drafts, .confirmations, .payments, .deliveries, .orders, .disputes]
        // The platform trades nothing: it decides what the parties could not agree.
        case .platform: return [.escalated, .disputes]
        }
    }

    /// The label when not even the compact row fits (eight tabs at 80 columns).
    var shortTitle: String {
        switch self {
        case .confirmations: return "Confirm"
        case .payments: return "Pay"
        case .predelivery: return "Pre-deliv"
        case .deliveries: return "Deliver"
        default: return rawValue
        }
    }

    /// The queue a tab shows (nil for dashboards that are not lists). Work queues are sorted by
    /// the nearest deadline; Overview is everything awaiting this party.
    func scope(for side: PartyKind) -> OrderScope? {
        if side == .platform {
            switch self {
            case .escalated: return .disputes(.escalated)
            case .disputes: return .disputes(.open)
            default: return nil
            }
        }
        switch self {
        case .overview: return .waitingOn(side)
        case .drafts: return .queue(.drafts)
        case .confirmations: return .queue(.confirmations)
        case .payments: return .payable
        case .predelivery: return .queue(.predelivery)
        case .deliveries: return .queue(.deliveries)
        case .orders: return .all
        case .disputes: return .state(.disputed)
        case .limits, .suppliers, .escalated: return nil
        }
    }

    /// What an empty queue says: that nothing is waiting, and where work would come from
    /// (naming the key `keys` binds to it).
    func emptyMessage(keys: CommandRegistry, side: PartyKind) -> String {
        switch self {
        case .escalated: return "No dispute is waiting for the platform's decision."
        case .disputes where side == .platform: return "No open disputes between any supplier and buyer."
        case .overview: return "Nothing is waiting for you; orders needing your move appear here."
        case .drafts: return "No drafts. Contracts you start appear here until you submit them."
        case .confirmations: return "No contracts awaiting confirmation, by you or the other side."
        case .payments: return "Nothing is due for payment."
        case .predelivery: return "No orders in production or ready to ship."
        case .deliveries: return "Nothing on its way to you."
        case .disputes: return "No open disputes. A buyer opens one with \(keys.keyName(ActionCatalogue.entry(for: .dispute).commandName)) on a paid order."
        default: return "No orders here yet."
        }
    }
}
