import Foundation
import TradeGuardCore

/// Everything the writer needs for one seeded order, prepared away from the writer's thread.
struct SeedOrderRow: Sendable {
    let order: Order
    /// `OrderRows.rowValues` of the final order: the writable columns, in order (filled in by
    /// the hasher stage).
    var values: [Value] = []
    let supplierID: Int64
    let buyerID: Int64
    let supplierName: String
    let buyerName: String
    let events: [AuditEvent]
    let ledger: [(entry: LedgerEntry, event: Int)]
    let disputes: [SeedDisputes.Row]
    /// Buyers' violation points as the order's balance claim left them (party id, total).
    var points: [(party: Int64, total: Int64)] = []
}

/// A run of consecutive orders and their events. The producer fills `rows`; the hasher adds
/// each row's column values and, for every event (numbered from `firstEventID` in order), its
/// payload JSON (`json[jsonStarts[i]..<jsonStarts[i+1]]`) and chain hash
/// (`hashes[32*i ..< 32*i+32]`), walking the chain in exactly the order the writer inserts.
final class SeedBatch: @unchecked Sendable {
    var rows: [SeedOrderRow] = []
    var json: [UInt8] = []
    var jsonStarts: [Int] = [0]
    var hashes: [UInt8] = []
    let firstEventID: Int64
    /// Events in `rows`, counted by the producer.
    var eventTotal = 0

    init(firstEventID: Int64, capacity: Int) {
        self.firstEventID = firstEventID
        rows.reserveCapacity(capacity)
    }

    var eventCount: Int { jsonStarts.count - 1 }
}

/// A bounded hand-over between the producer thread and the writer: at most `capacity` batches
/// wait, so memory stays flat however many orders are seeded.
final class SeedQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [SeedBatch] = []
    private var finished = false
    private var cancelled = false
    private var failure: Error?
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Blocks while full; false once the consumer has cancelled (the producer should stop).
    func put(_ batch: SeedBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(batch)
        condition.broadcast()
        return true
    }

    /// The producer is done (with `error` if it failed).
    func finish(_ error: Error? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil when the producer has finished and everything was taken.
    func take() throws -> SeedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if let failure { throw failure }
        if items.isEmpty { return nil }
        let batch = items.removeFirst()
        condition.broadcast()
        return batch
    }

    /// The consumer gives up (an error while writing): wakes and stops the producer.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the producer has returned.
    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}

/// The first stage: lives orders through the workflow (pure, no I/O) into batches of rows.
struct SeedProducer: @unchecked Sendable {
    var simulation: SeedSimulation
    var random: SplitMix64
    let firstOrder: Int64
    let count: Int
    let batchSize: Int
    var nextEventID: Int64
    let parties: [Handle: (id: Int64, name: String)]


    /// Produces every batch into `queue`, then finishes it.
    mutating func run(into queue: SeedQueue) {
        do {
            var done = 0
            while done < count {
                let size = min(batchSize, count - done)
                let batch = SeedBatch(firstEventID: nextEventID, capacity: size)
                for i in 0..<size {
                    let number = firstOrder + Int64(done + i)
                    let life = try simulation.live(number: number, index: done + i, random: &random)
                    try add(life, to: batch)
                }
                done += size
                guard queue.put(batch) else { break }
            }
            SeedTrace.note("producer cpu \(String(format: "%.2f", SeedTrace.threadCPU())) s")
            queue.finish()
        } catch {
            queue.finish(error)
        }
    }

    private mutating func add(_ life: SeededLife, to batch: SeedBatch) throws {
        let order = life.order
        guard let supplier = parties[order.supplier], let buyer = parties[order.buyer] else {
            throw StoreError.unknownParty(parties[order.supplier] == nil ? order.supplier.value : order.buyer.value)
        }
        var row = SeedOrderRow(order: order, supplierID: supplier.id, buyerID: buyer.id, supplierName: supplier.name,
                               buyerName: buyer.name, events: life.events, ledger: life.ledger, disputes: life.disputes)
        for (party, total) in life.points {
            guard let id = parties[party]?.id else { throw StoreError.unknownParty(party.value) }
            row.points.append((id, Int64(total)))
        }
        batch.rows.append(row)
        batch.eventTotal += life.events.count
        nextEventID += Int64(life.events.count)
    }
}

/// The second stage: the column values of each order row, and every event's payload JSON and
/// canonical bytes in one pass, hashed into the chain. The chain is sequential, so it has a
/// thread of its own: living the next orders and writing the previous ones run meanwhile.
struct SeedHasher: @unchecked Sendable {
    var previousHash: [UInt8]
    /// Rates per currency, newest effective date first: `Store.estimateUSD` without queries.
    let rates: [Currency: [ExchangeRate]]

    /// Takes every lived batch from `input`, completes it and passes it to `output`; finishes
    /// `output` (with the producer's error, if it failed). A cancelled `output` cancels `input`.
    mutating func run(from input: SeedQueue, into output: SeedQueue) {
        do {
            var canonical: [UInt8] = []
            canonical.reserveCapacity(1024)
            while let batch = try input.take() {
                complete(batch, canonical: &canonical)
                guard output.put(batch) else {
                    input.cancel()
                    break
                }
            }
            SeedTrace.note("hasher cpu \(String(format: "%.2f", SeedTrace.threadCPU())) s")
            output.finish()
        } catch {
            output.finish(error)
        }
    }

    private mutating func complete(_ batch: SeedBatch, canonical: inout [UInt8]) {
        batch.json.reserveCapacity(batch.eventTotal * 64)
        batch.jsonStarts.reserveCapacity(batch.eventTotal + 1)
        batch.hashes.reserveCapacity(batch.eventTotal * 32)
        for index in batch.rows.indices {
            let order = batch.rows[index].order
            batch.rows[index].values = OrderRows.rowValues(order, estimateUSD: estimateUSD(order))
            for event in batch.rows[index].events {
                SeedEncoding.appendPayloadJSON(event.payload, to: &batch.json)
                batch.jsonStarts.append(batch.json.count)
                canonical.removeAll(keepingCapacity: true)
                SeedEncoding.appendCanonical(event, to: &canonical)
                var hasher = SHA256()
                hasher.update(previousHash)
                canonical.withUnsafeBytes { hasher.update($0) }
                previousHash.withUnsafeMutableBytes { hasher.finalize(into: $0.baseAddress!) }
                batch.hashes.append(contentsOf: previousHash)
            }
        }
    }

    /// `Store.estimateUSD`: the confirmed USD value, else the order total at the rate in force on
    /// the day it was created (0 when there is none).
    func estimateUSD(_ order: Order) -> Int64 {
        if let coverage = order.coverage { return coverage.totalUSD.minorUnits }
        let day = order.createdAt.utcDate
        let rate: ExchangeRate
        if order.currency == .usd {
            rate = .usd(on: day)
        } else {
            guard let found = rates[order.currency]?.first(where: { $0.effective <= day }) else { return 0 }
            rate = found
        }
        return (try? rate.toUSD(order.total).minorUnits) ?? 0
    }
}
