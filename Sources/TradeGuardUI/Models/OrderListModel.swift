import TradeGuardCore
import TradeGuardStore

/// The order queue's data: a window of rows around the selection, fetched by keyset pages so no
/// key ever costs more than a page, however many orders exist. Positions are absolute ("row N of
/// M"); the window slides as the selection moves.
final class OrderListModel {
    let store: Store
    let party: Handle
    let side: PartyKind
    var scope: OrderScope
    private(set) var sort: OrderSort
    /// The text filter (FTS5); empty for none.
    private(set) var filter = ""
    private(set) var filterCount: SearchResult?

    /// Loaded rows: `rows[0]` is at absolute index `start`.
    private(set) var rows: [OrderListing] = []
    /// The loaded window (`start`, row count) whose parties' handles `learnParties` has read.
    private var partiesLearned = (start: -1, count: 0)
    private(set) var start = 0
    private(set) var total = 0
    /// Absolute index of the selected row, and of the first visible row.
    private(set) var selected = 0
    private(set) var top = 0

    static let page = 60
    /// Formatted cells of rows drawn lately (see FormattedRows).
    let formattedRows = FormattedRows()
    /// Matches loaded per filter keystroke (a few screens), and how far the selection can go.
    static let filterPage = 100
    static let filterReach = 1_000
    private var filterLimit = OrderListModel.filterPage

    init(store: Store, party: Handle, side: PartyKind, scope: OrderScope = .all) {
        self.store = store
        self.party = party
        self.side = side
        self.scope = scope
        // Work queues run by deadline (their indexes' order); the full list starts by code.
        sort = scope == .all ? .code : .deadline
    }

    var selectedRow: OrderListing? { row(at: selected) }

    /// What order actions need of the selected row, without copying the row.
    var selectedTarget: (code: OrderCode, state: OrderState, version: Int, supplier: Handle, buyer: Handle, initiator: PartyKind)? {
        let i = selected - start
        guard rows.indices.contains(i) else { return nil }
        guard let parties = try? store.handles(supplier: rows[i].supplierID, buyer: rows[i].buyerID) else { return nil }
        return (rows[i].code, rows[i].state, rows[i].version, parties.supplier, parties.buyer, rows[i].initiator)
    }

    /// The selected order's code and version, without copying the row or reading its parties.
    var selectedKey: (code: OrderCode, version: Int)? { key(at: selected) }

    /// The selected row's state, without copying the row.
    var selectedState: OrderState? {
        let i = selected - start
        return rows.indices.contains(i) ? rows[i].state : nil
    }

    /// The code and version of the row at absolute index `index`, if loaded.
    func key(at index: Int) -> (code: OrderCode, version: Int)? {
        let i = index - start
        return rows.indices.contains(i) ? (rows[i].code, rows[i].version) : nil
    }

    /// Row at absolute index `index`, if loaded.
    func row(at index: Int) -> OrderListing? {
        let i = index - start
        return rows.indices.contains(i) ? rows[i] : nil
    }

    // MARK: Loading

    /// Rows read by a reload: the screen's height when known. At a million orders every row of
    /// a deadline-sorted queue sits on its own page of the table, so on a cold disk each row
    /// read is a disk read; the first frame reads what it shows, scrolling reads pages.
    var firstPage = OrderListModel.page

    /// Reloads from the top (after a sort or filter change).
    func reload() throws {
        if filter.isEmpty {
            total = try store.orderCounts(for: party, side: side).count(scope)
            rows = try fetch(after: nil, forward: true, limit: firstPage)
        } else {
            // The page now; the count (up to 1,001 rows read) when typing pauses — see countMatches.
            let result = try store.searchOrders(for: party, side: side, scope: scope, text: filter, limit: filterLimit, counting: false)
            filterCount = result
            rows = result.rows
            // Up to 1,000 matches are reachable; a page is loaded per keystroke and more as the
            // selection reaches the end of what is loaded.
            total = result.rows.count < filterLimit ? result.rows.count : min(result.matchCount, Self.filterReach)
        }
        start = 0
        selected = min(selected, max(0, total - 1))
        if filter.isEmpty, selected >= rows.count { try jump(to: selected) }
        top = min(top, selected)
    }

    /// Re-reads the window in place after another process changed data, keeping the selection
    /// where it was (same position, clamped).
    func refresh() throws {
        formattedRows.clear()
        guard filter.isEmpty else { return try reload() }
        total = try store.orderCounts(for: party, side: side).count(scope)
        if start > 0, let first = rows.first {
            // Re-read from just before the window's first row.
            let key = store.pageKey(of: first, side: side, sort: sort, scope: scope)
            let before = try fetch(after: key, forward: false, limit: 1)
            let anchor = before.last.map { store.pageKey(of: $0, side: side, sort: sort, scope: scope) }
            rows = try fetch(after: anchor, forward: true, limit: max(rows.count, Self.page))
        } else {
            rows = try fetch(after: nil, forward: true, limit: max(rows.count, Self.page))
            start = 0
        }
        selected = min(selected, max(0, total - 1))
        if selected >= start + rows.count || selected < start { try jump(to: selected) }
    }

    private func fetch(after key: PageKey?, forward: Bool, limit: Int = OrderListModel.page) throws -> [OrderListing] {
        try store.listOrders(for: party, side: side, scope: scope, sort: scope == .all ? sort : .deadline, after: key,
                             direction: forward ? .forward : .backward, limit: limit)
    }

    /// Completes a pending filter count (called between keys, so typing never waits for it).
    /// Returns true when something on screen changed. Over a cold disk at a million orders the
    /// count can take half a second: it stops as soon as `keyWaiting` says a key has arrived,
    /// and is tried again at the next pause.
    func countMatches(keyWaiting: @escaping () -> Bool = { false }) throws -> Bool {
        guard !filter.isEmpty, let pending = filterCount, pending.isLowerBound else { return false }
        let result: SearchResult
        do {
            result = try store.interruptible(stopWhen: keyWaiting) {
                try store.searchOrders(for: party, side: side, scope: scope, text: filter, limit: 1, counting: true)
            }
        } catch let error as SQLiteError where error.isInterrupted {
            return false
        }
        filterCount = SearchResult(rows: pending.rows, matchCount: result.matchCount)
        total = max(rows.count, min(result.matchCount, Self.filterReach))
        return true
    }

    /// Loads more filter matches when the selection moves past the loaded ones.
    private func loadMoreMatches(through index: Int) throws {
        guard index >= rows.count, rows.count < total else { return }
        filterLimit = min(Self.filterReach, max(filterLimit * 2, index + Self.page))
        rows = try store.searchOrders(for: party, side: side, scope: scope, text: filter, limit: filterLimit).rows
        if rows.count <= index { total = rows.count }
    }

    /// Makes `index` loaded, fetching pages from the nearer end of the window (or afresh from
    /// the top or bottom of the list when it is far away).
    private func jump(to index: Int) throws {
        if index < start || index >= start + rows.count {
            if !filter.isEmpty { return try loadMoreMatches(through: index) }
            if index >= start + rows.count && index - (start + rows.count) < Self.page, let last = rows.last {
                rows += try fetch(after: store.pageKey(of: last, side: side, sort: sort, scope: scope), forward: true)
            } else if index < start && start - index <= Self.page, let first = rows.first {
                let before = try fetch(after: store.pageKey(of: first, side: side, sort: sort, scope: scope), forward: false)
                rows = before + rows
                start -= before.count
            } else if index >= total - Self.page {
                rows = try fetch(after: nil, forward: false)
                start = max(0, total - rows.count)
            } else {
                // Far from both ends and the window: walk from the top in page steps (rare — keys
                // move at most a page at a time).
                rows = try fetch(after: nil, forward: true)
                start = 0
                while index >= start + rows.count, let last = rows.last {
                    let next = try fetch(after: store.pageKey(of: last, side: side, sort: sort, scope: scope), forward: true)
                    if next.isEmpty { break }
                    start += rows.count
                    rows = next
                }
            }
        }
        trim(around: index)
    }

    /// Keeps the window to a few pages so memory stays O(screen).
    private func trim(around index: Int) {
        let keep = Self.page * 3
        guard rows.count > keep else { return }
        let from = max(0, min(index - start - Self.page, rows.count - keep))
        rows = Array(rows[from..<(from + keep)])
        start += from
    }

    /// Reads the next page when the loaded rows end less than a screen below the visible
    /// ones, so the next Page Down draws from memory. For idle moments (see
    /// `AppModel.workAhead`); true when it read something.
    func readAhead(visible: Int) throws -> Bool {
        guard filter.isEmpty, let last = rows.last else { return false }
        let loadedEnd = start + rows.count
        guard loadedEnd < total, loadedEnd < top + 2 * max(1, visible) + 1 else { return false }
        rows += try fetch(after: store.pageKey(of: last, side: side, sort: sort, scope: scope), forward: true)
        trim(around: selected)
        return true
    }

    /// Work between keys: the parties of the loaded rows, read once, so that moving onto a row
    /// with a new counterparty reads nothing (its actions need both handles).
    func learnParties() throws {
        guard partiesLearned != (start, rows.count) else { return }
        try store.learnHandles(of: rows.lazy.flatMap { [$0.supplierID, $0.buyerID] })
        partiesLearned = (start, rows.count)
    }

    /// Loads the rows from `top` down to the bottom of a screen of `visible` rows (after the
    /// screen grew taller than what was read).
    func loadVisibleRows(visible: Int) throws {
        guard filter.isEmpty, total > 0 else { return }
        let last = min(total - 1, top + max(1, visible) - 1)
        if last >= start + rows.count { try jump(to: last) }
    }

    // MARK: Movement

    func move(by delta: Int, visible: Int) throws {
        guard total > 0 else { return }
        let target = max(0, min(total - 1, selected + delta))
        try jump(to: target)
        selected = min(target, start + rows.count - 1)
        scrollIntoView(visible: visible)
    }

    func moveToTop(visible: Int) throws { try move(by: -selected, visible: visible) }

    func moveToBottom(visible: Int) throws {
        guard total > 0 else { return }
        try jump(to: total - 1)
        selected = total - 1
        scrollIntoView(visible: visible)
    }

    func scrollIntoView(visible: Int) {
        let height = max(1, visible)
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = max(0, min(top, max(0, total - height)))
    }

    /// Selects `code` if it is among the loaded rows (a draft just saved, say).
    func select(_ code: OrderCode, visible: Int) {
        guard let i = rows.firstIndex(where: { $0.code == code }) else { return }
        selected = start + i
        scrollIntoView(visible: visible)
    }

    func cycleSort() throws {
        guard scope == .all else { return }
        let all = OrderSort.allCases
        sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
        selected = 0
        top = 0
        try reload()
    }

    func setFilter(_ text: String) throws {
        filter = text
        filterLimit = Self.filterPage
        filterCount = nil
        selected = 0
        top = 0
        try reload()
    }
}
