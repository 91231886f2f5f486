import Foundation

/// The audit chain's verification, shared by `check`'s two threads (issue 17): the events are
/// cut into ranges of ids, and whichever thread is free verifies the next range. The store's
/// thread runs SQLite's integrity check and then the chain; the replay's thread joins in when
/// its replay is done, so neither core waits idle while the other hashes.
///
/// A range verifies alone because each event is hashed against the *stored* hash of the one
/// before it, as the single pass always did: a range starts from the stored hash of the last
/// event before it. The results are put back together in id order, so the report is the one
/// the single pass gave: the first fault, the event count, the head (the stored hash of the
/// last readable event), each order's event count.
///
/// The ranges are the store's snapshot's (its last id, published when its chain pass begins);
/// the replay's thread takes only ranges that its own snapshot holds whole. The log is
/// append-only, so below that id both snapshots hold the same events.
final class SharedChain: @unchecked Sendable {
    /// Events per range: large enough that the per-range query and handover cost nothing, small
    /// enough that the last range left over when one thread runs out is short.
    static let defaultSpan: Int64 = 32_768
    let span: Int64

    init(span: Int64 = SharedChain.defaultSpan) { self.span = max(1, span) }

    private let condition = NSCondition()
    // All below guarded by `condition`.
    private var first: Int64 = 1
    private var last: Int64 = 0
    private var rangeCount = 0
    private var published = false
    private var closed = false
    private var next = 0
    private var returned: [Int] = []
    private var inFlight = 0
    private var results: [Int: ChainRange] = [:]
    private var counts: EventCounts?

    /// The store's thread, on its snapshot: the ranges to verify, and where each order's events are counted.
    func publish(first: Int64, last: Int64, counts: EventCounts) {
        condition.lock()
        defer { condition.unlock() }
        self.first = first
        self.last = last
        rangeCount = last >= first ? Int((last - first) / span) + 1 : 0
        self.counts = counts
        published = true
        condition.broadcast()
    }

    /// No more ranges are handed out (the check is over or stopped): wakes a waiting helper.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next range to verify, or nil when none is left. `within` (the helper's snapshot's last
    /// id) limits the helper to ranges its snapshot holds whole; the helper waits for `publish`.
    func take(within helperLast: Int64? = nil) -> (index: Int, ids: Range<Int64>)? {
        condition.lock()
        defer { condition.unlock() }
        if helperLast != nil { while !published && !closed { condition.wait() } }
        guard published, !closed || helperLast == nil else { return nil }
        let index: Int
        if helperLast == nil, let back = returned.popLast() {
            index = back
        } else {
            guard next < rangeCount else { return nil }
            index = next
        }
        let ids = range(index)
        if let helperLast, ids.upperBound - 1 > helperLast { return nil }
        if index == next { next += 1 }
        inFlight += 1
        return (index, ids)
    }

    /// A verified range, with the orders its events count for.
    func deposit(_ index: Int, _ result: ChainRange, orders: [Int64]) {
        condition.lock()
        defer { condition.unlock() }
        results[index] = result
        for order in orders { counts?.add(order) }
        inFlight -= 1
        condition.broadcast()
    }

    /// A range the helper could not verify (a read failed on its connection): the store's thread takes it.
    func giveBack(_ index: Int) {
        condition.lock()
        defer { condition.unlock() }
        returned.append(index)
        inFlight -= 1
        condition.broadcast()
    }

    /// The store's thread, once `take` gives nothing: waits for the helper's range in hand,
    /// verifies any it gave back, and returns every range's result in id order with the counts.
    func finish(verify: (Range<Int64>) throws -> (ChainRange, [Int64])) throws -> (ranges: [ChainRange], counts: EventCounts) {
        while true {
            while let (index, ids) = take() {
                let (result, orders) = try verify(ids)
                deposit(index, result, orders: orders)
            }
            condition.lock()
            while inFlight > 0 && returned.isEmpty { condition.wait() }
            let done = inFlight == 0 && returned.isEmpty
            if done { closed = true }
            condition.unlock()
            if done { break }
        }
        condition.lock()
        defer { condition.unlock() }
        return ((0..<rangeCount).compactMap { results[$0] }, counts!)
    }

    private func range(_ index: Int) -> Range<Int64> {
        let start = first + Int64(index) * span
        return start..<min(start + span, last + 1)
    }
}

/// One range of the chain, verified.
struct ChainRange {
    var events = 0
    /// The first fault in the range, as the single pass would word it.
    var fault: String?
    /// The stored hash of the range's last readable event (the chain head if no later range has one).
    var lastReadable: [UInt8]?

    /// Verifies the events with ids in `ids`, each against the stored hash before it; `orders`
    /// gets the order of every event that counts towards its order's version (all but payment replays).
    static func verify(_ db: Database, _ statement: Statement, _ ids: Range<Int64>, orders: inout [Int64]) throws -> ChainRange {
        // The stored hash of the event before the range (any such event: an unreadable one
        // there has already broken the chain, and only the first fault is reported).
        let before = try db.query("SELECT hash FROM events WHERE id < ? ORDER BY id DESC LIMIT 1", [.int(ids.lowerBound)]) { $0.blob(0) }.first
        var verifier = ChainVerifier(previous: before ?? EventLog.genesis)
        var result = ChainRange()
        var readable = false
        try statement.bind([.int(ids.lowerBound), .int(ids.upperBound)])
        defer { statement.reset() }
        while try statement.step() {
            result.events += 1
            let id = statement.int(0)
            if let order = statement.optionalInt(4), !ChainVerifier.isReplay(statement) { orders.append(order) }
            switch verifier.verify(statement) {
            case .unreadable:
                if result.fault == nil { result.fault = "audit chain: event \(id) has an unreadable payload" }
            case .mismatch:
                if result.fault == nil { result.fault = "audit chain: event \(id) does not match its hash (edited, inserted or removed before it)" }
                readable = true
            case .ok:
                readable = true
            }
        }
        // The verifier moves on to each readable event's stored hash (and past no other).
        if readable { result.lastReadable = verifier.previous }
        return result
    }

    /// The chain's range query, prepared once per connection and bound per range.
    static let sql = "SELECT id, at, actor, action, order_id, from_state, to_state, payload, hash FROM events WHERE id >= ? AND id < ? ORDER BY id"
}
