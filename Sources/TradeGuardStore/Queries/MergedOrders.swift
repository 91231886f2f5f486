/// A k-way merge of lists each already sorted the same way (a binary heap on each list's next
/// row): by code, or by next deadline then code. Lists never share an order.
public struct MergedOrders {
    private var heap: [(key: SortKey, pages: OrderPages)] = []
    private let byDeadline: Bool

    struct SortKey: Comparable {
        let deadline: Int64
        let code: Int64
        static func < (a: SortKey, b: SortKey) -> Bool { (a.deadline, a.code) < (b.deadline, b.code) }
    }

    public init(_ lists: [OrderPages], byDeadline: Bool) throws {
        self.byDeadline = byDeadline
        for pages in lists {
            if let row = try pages.peek() { push((key(row), pages)) }
        }
    }

    private func key(_ row: OrderListing) -> SortKey {
        // No deadline sorts last, as in the work queues.
        SortKey(deadline: byDeadline ? (row.nextDeadline?.secondsSinceEpoch ?? Int64.max) : 0, code: row.code.number)
    }

    /// The next row of the merged order, or nil when every list is done.
    public mutating func next() throws -> OrderListing? {
        guard let top = heap.first else { return nil }
        let row = try top.pages.peek()!
        top.pages.advance()
        if let following = try top.pages.peek() {
            heap[0] = (key(following), top.pages)
            siftDown(0)
        } else {
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
            if !heap.isEmpty { siftDown(0) }
        }
        return row
    }

    private mutating func push(_ entry: (key: SortKey, pages: OrderPages)) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].key < heap[parent].key else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].key < heap[smallest].key { smallest = left }
            if right < heap.count && heap[right].key < heap[smallest].key { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
