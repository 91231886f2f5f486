import TradeGuardCore

/// One party's list read a page at a time by key (`listOrders … after:`), so a listing of any
/// size holds one page in memory. Each page is its own short read.
public final class OrderPages {
    let store: Store
    let party: Handle
    let side: PartyKind
    let scope: OrderScope
    let sort: OrderSort
    let pageSize: Int
    private var buffer: [OrderListing] = []
    private var position = 0
    private var key: PageKey?
    private var exhausted = false

    public init(store: Store, party: Handle, side: PartyKind, scope: OrderScope, sort: OrderSort, pageSize: Int) {
        self.store = store
        self.party = party
        self.side = side
        self.scope = scope
        self.sort = sort
        self.pageSize = pageSize
    }

    /// The next row without taking it; reads the next page when this one is used up.
    public func peek() throws -> OrderListing? {
        if position < buffer.count { return buffer[position] }
        guard !exhausted else { return nil }
        buffer = try store.listOrders(for: party, side: side, scope: scope, sort: sort, after: key, limit: pageSize)
        position = 0
        if buffer.count < pageSize { exhausted = true }
        guard let last = buffer.last else { exhausted = true; return nil }
        key = store.pageKey(of: last, side: side, sort: sort)
        return buffer.first
    }

    public func advance() { position += 1 }
}
