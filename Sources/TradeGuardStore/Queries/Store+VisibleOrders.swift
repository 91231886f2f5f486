import TradeGuardCore

extension Store {
    /// The orders `actor` may see, as one sorted stream read in keyset pages (memory stays flat
    /// however many there are): by next deadline when `state` is given, like the work queues,
    /// else by code. A supplier or buyer sees its own orders, less the other side's drafts; the
    /// platform (or no actor) sees every order.
    public func visibleOrders(to actor: Actor?, state: OrderState?, pageSize: Int? = nil) throws -> MergedOrders {
        let byDeadline = state != nil
        let sort: OrderSort = byDeadline ? .deadline : .code
        let scope: OrderScope = state.map { .state($0) } ?? .all
        if let actor, let handle = actor.handle, let kind = actor.kind, kind != .platform {
            return try MergedOrders([OrderPages(store: self, party: handle, side: kind, scope: scope, sort: sort, pageSize: pageSize ?? 500)],
                                    byDeadline: byDeadline)
        }
        // The platform's view: each supplier's list (which leaves out buyers' drafts) plus each
        // buyer's own drafts — together every order exactly once. Pages shrink as parties grow,
        // so all first pages together stay near 20,000 rows.
        let parties = try allParties()
        let size = pageSize ?? max(16, min(500, 20_000 / max(1, parties.count)))
        var lists: [OrderPages] = []
        for record in parties where record.party.kind == .supplier {
            lists.append(OrderPages(store: self, party: record.handle, side: .supplier, scope: scope, sort: sort, pageSize: size))
        }
        if state == nil || state == .draft {
            for record in parties where record.party.kind == .buyer {
                lists.append(OrderPages(store: self, party: record.handle, side: .buyer, scope: .queue(.drafts), sort: .deadline, pageSize: size))
            }
        }
        return try MergedOrders(lists, byDeadline: byDeadline)
    }
}
