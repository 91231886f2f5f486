import Foundation
import TradeGuardCore

public struct SeedReport: Sendable {
    public let orders: Int
    public let events: Int
    public let seconds: Double
}

/// `tradeguard seed`: many realistic orders with full, consistent histories, for scale tests
/// and benchmarks. Deterministic per seed (relative to the database's clock).
///
/// This is the one bulk path that does not call `Store.perform` per action — a million orders
/// with an fsync per action would take hours. It runs the same `Workflow.decide` decisions in
/// memory, one order's whole life at a time, and writes the resulting rows, every audit event
/// (in the hash chain) and every ledger row. `check` verifies the result exactly as it verifies
/// anything else.
///
/// How it is fast (DESIGN §7: a million orders in 90 s on two cores):
/// - Three threads, a pipeline joined by bounded queues (memory stays flat): the producer
///   lives the orders (pure, no I/O); the hasher computes each order's column values, encodes
///   every event's payload and canonical bytes in one pass and walks the hash chain (SHA256's
///   unrolled compression); the writer only binds and steps prepared multi-row
///   `INSERT OR ROLLBACK`s (SeedInserter: values wait as plain slots and one text arena, bound
///   without copies; no statement journals). On two cores the three share the CPU, so the
///   load takes about the sum of their times halved instead of the slowest one's.
/// - All orders go in ONE write transaction. That is what makes the rest safe: the hasher
///   can hash ahead because nobody else can append to the chain meanwhile, and the secondary
///   indexes of `orders`, `events_by_order` and the ledger's per-supplier index are dropped
///   and rebuilt (sorted, far faster than millions of inserts into B-trees) without any
///   committed moment lacking them. A crash or an error rolls the whole seed back; the
///   database stays as it was.
/// - A large seed (SeedJournal) switches the file from WAL to a rollback journal under an
///   exclusive lock when no other connection has it open: pages appended past the old end of
///   the file are not journalled, so every page is written once instead of into the WAL and
///   again at the checkpoint. WAL comes back at the end. Killed midway, the hot journal is
///   rolled back by the next read-write open (any tradeguard command, `check` included).
///   Until then a plain read-only open is refused (SQLITE_READONLY_ROLLBACK), and so is an
///   immutable one (the fallback for unwritable folders), which would ignore the journal and
///   read the half-written file (Database.init checks for the journal).
/// - During the load the page cache is large, `foreign_keys` and CHECK constraints are off
///   (every value comes from the workflow's own types; `check` runs `integrity_check` and
///   `foreign_key_check` over everything), and `synchronous` is OFF in WAL mode (restored
///   afterwards; the final checkpoint syncs).
/// - Counters and reservations are summed in memory and written once.
public enum Seeder {
    static let batchSize = 1_000
    /// Rebuild the `orders` indexes when the database holds at most this many orders per order
    /// being added (else inserting into the existing indexes is cheaper than re-sorting them).
    static let rebuildRatio = 1
    /// From this many orders the load goes through a rollback journal under an exclusive lock
    /// (written once instead of twice; the file is closed to other connections meanwhile).
    /// Smaller seeds stay in WAL mode, where others keep reading while they run.
    static let rollbackJournalOrders = 1_000

    public static func seed(_ store: Store, orders count: Int, seed: UInt64, progress: ((Int) -> Void)? = nil) throws -> SeedReport {
        try self.seed(store, orders: count, seed: seed, balance: .standard, progress: progress)
    }

    /// The same with the balance claims' shares given (tests ask for more, to see each state).
    static func seed(_ store: Store, orders count: Int, seed: UInt64, balance: SeedBalance.Shares,
                     progress: ((Int) -> Void)? = nil) throws -> SeedReport {
        guard count > 0 else { throw StoreError.invalid("Give a number of orders greater than zero.") }
        if store.isReadOnly { throw StoreError.readOnly }
        let started = Date()
        if try !store.isInitialised() {
            // A fresh file becomes a demo database whose clock stands at today's midnight.
            let now = store.timeSource.now()
            try store.initialise(kind: .demo, at: Instant(secondsSinceEpoch: now.secondsSinceEpoch / 86_400 * 86_400))
        }
        SeedTrace.mark("init")
        let db = store.db
        let settings = try SeedSettings.apply(db)
        defer { settings.restore(db) }
        // A large seed writes its pages once, through a rollback journal (see SeedJournal).
        let rollbackJournal = count >= rollbackJournalOrders && SeedJournal.enter(db, synchronous: settings.synchronous)
        defer { if rollbackJournal { SeedJournal.leave(db) } }
        SeedTrace.note("journal: \(rollbackJournal ? "rollback" : "wal")")

        // Everything the seed adds — parties, rates, orders, the limits recomputed from them —
        // commits at once: a seed killed at any moment leaves the database exactly as before.
        let events = try db.write { () throws -> Int in
            let cast = try SeedCast.prepare(store, seed: seed)
            SeedTrace.mark("cast")
            let now = try store.currentInstant()
            let first = (try db.scalarInt("SELECT coalesce(max(id), 0) FROM orders") ?? 0) + 1
            let existing = try db.scalarInt("SELECT count(*) FROM orders") ?? 0
            let firstEvent = (try db.scalarInt("SELECT coalesce(max(id), 0) FROM events") ?? 0) + 1
            let head = try store.events.head() ?? EventLog.genesis
            var parties: [Handle: (id: Int64, name: String)] = [:]
            for (id, handle, name) in try db.query("SELECT id, handle, name FROM parties", [], row: { ($0.int(0), $0.text(1), $0.text(2)) }) {
                if let handle = try? Handle(handle) { parties[handle] = (id, name) }
            }
            var rates: [Currency: [ExchangeRate]] = [:]
            for (code, effective, micros) in try db.query("SELECT currency, effective, micros_per_usd FROM exchange_rates ORDER BY currency, effective DESC",
                                                          [], row: { ($0.text(0), $0.int(1), $0.int(2)) }) {
                if let currency = Currency.named(code),
                   let rate = try? ExchangeRate(currency: currency, microUnitsPerUSD: micros, effective: CalendarDate(daysSinceEpoch: Int(effective))) {
                    rates[currency, default: []].append(rate)
                }
            }

            let rebuild = existing <= Int64(count * rebuildRatio)
            let indexes = rebuild ? try SeedIndexes.drop(db) : []

            // Three stages on their own threads, joined by bounded queues: live → hash → write.
            let lived = SeedQueue(capacity: 4)
            let ready = SeedQueue(capacity: 4)
            let producer = SeedStageBox(SeedProducer(
                simulation: SeedSimulation(cast: cast, now: now, count: count, balance: balance), random: SplitMix64(seed: seed ^ 0x5EED),
                firstOrder: first, count: count, batchSize: batchSize, nextEventID: firstEvent, parties: parties))
            let hasher = SeedStageBox(SeedHasher(previousHash: head, rates: rates))
            let producerThread = Thread { producer.run { $0.run(into: lived) } }
            let hasherThread = Thread { hasher.run { $0.run(from: lived, into: ready) } }
            for thread in [producerThread, hasherThread] {
                thread.stackSize = 8 << 20
                thread.start()
            }
            defer {
                // Stops both stages (after an error while writing) and waits until they return.
                ready.cancel()
                lived.cancel()
                ready.waitUntilFinished()
                lived.waitUntilFinished()
            }

            try settings.relaxChecks(db)
            let writer = try SeedWriter(db: db)
            var written = 0
            var busy = 0.0
            defer { SeedTrace.note("writer cpu \(String(format: "%.2f", busy)) s") }
            while let batch = try ready.take() {
                let t = SeedTrace.threadCPU()
                try writer.write(batch)
                busy += SeedTrace.threadCPU() - t
                written += batch.rows.count
                progress?(written)
            }
            guard written == count else { throw StoreError.invalid("internal error: seeded \(written) orders of \(count)") }
            SeedTrace.mark("load")
            try writer.flush()
            try settings.enforceChecks(db)
            try writer.finish()
            try SeedIndexes.create(indexes, in: db)
            SeedTrace.mark("indexes")
            // The limits now reflect the closed orders; one audited recompute per supplier.
            for supplier in cast.suppliers {
                let record = try store.parties.require(supplier)
                let breakdown = try store.limits.recompute(record, reason: "seeded orders", at: now)
                try store.events.append(try store.partyEvent(.system, "seed", supplier, now,
                                                             [.init("granted", MoneyFormat.decimal(breakdown.granted))], recomputed: true), orderID: nil)
            }
            SeedTrace.mark("limits")
            return writer.eventCount
        }
        SeedTrace.mark("commit")
        store.anchorNewestHead()   // one anchor line for the whole seed: it is one commit
        return SeedReport(orders: count, events: events, seconds: Date().timeIntervalSince(started))
    }
}

/// Hands a pipeline stage to its thread (it is used there alone).
final class SeedStageBox<Stage>: @unchecked Sendable {
    private var stage: Stage
    init(_ stage: Stage) { self.stage = stage }
    func run(_ body: (inout Stage) -> Void) { body(&stage) }
}

/// The parties the seeder trades between, created once per database.
struct SeedCast {
    let suppliers: [Handle]
    let buyers: [Handle]
    let rates: [Currency: ExchangeRate]
    /// The supplier limits used for coverage while seeding.
    var granted: [Handle: Int64]
    /// Each buyer's party row as its events carry it (`PartyDirectory.eventRow`): a balance
    /// claim that finds against a buyer adds to its points.
    var buyerRows: [Handle: [Value]] = [:]

    static let pointsColumn = PartyDirectory.eventColumns.firstIndex(of: "violation_points")!

    static let supplierCount = 100
    static let buyerCount = 1_000

    /// Creates what is missing inside the caller's write transaction (the seed's one), or in
    /// a transaction of its own when called outside one.
    static func prepare(_ store: Store, seed: UInt64) throws -> SeedCast {
        if store.db.isInTransaction { return try prepareInTransaction(store, seed: seed) }
        return try store.db.write { try prepareInTransaction(store, seed: seed) }
    }

    private static func prepareInTransaction(_ store: Store, seed: UInt64) throws -> SeedCast {
        let now = try store.currentInstant()
        let since = now.utcDate.adding(days: -1_500)
        let suppliers = (1...supplierCount).map { try! Handle(String(format: "seed-s%04d", $0)) }
        let buyers = (1...buyerCount).map { try! Handle(String(format: "seed-b%04d", $0)) }
        // Over a thousand parties, still one audit event each.
        do {
            let log = store.events
            for (n, handle) in suppliers.enumerated() where try store.parties.find(handle) == nil {
                var party = Party(handle: handle, kind: .supplier, name: SeedNames.supplier(n + 1), country: ["CN", "VN", "IN", "TR", "MX"][n % 5],
                                  email: "sales@\(handle.value).example", verification: [.onsite, .licence, .none][n % 3],
                                  memberSince: since.adding(days: n * 13))
                party.activation = .active(since: now)
                try store.parties.insert(party)
                try store.limits.recompute(try store.parties.require(handle), reason: "seeded and activated", at: now)
                try log.append(try store.partyEvent(.platform, "party.add", handle, now, [.init("kind", "supplier"), .init("activated", "yes")],
                                                    recomputed: true), orderID: nil)
            }
            for (n, handle) in buyers.enumerated() where try store.parties.find(handle) == nil {
                try store.parties.insert(Party(handle: handle, kind: .buyer, name: SeedNames.buyer(n + 1), country: ["DE", "JP", "TR", "US", "FR", "BR", "GB"][n % 7],
                                               email: "buying@\(handle.value).example", memberSince: since.adding(days: n)))
                try log.append(try store.partyEvent(.platform, "party.add", handle, now, [.init("kind", "buyer")]), orderID: nil)
            }
        }
        var rates: [Currency: ExchangeRate] = [.usd: .usd(on: now.utcDate)]
        for currency in [Currency.eur, .cny, .jpy] {
            if let rate = try store.rate(for: currency, on: now.utcDate) {
                rates[currency] = rate
            } else {
                let text = ["EUR": "0.92", "CNY": "7.1", "JPY": "151.3"][currency.code]!
                let rate = try ExchangeRate.parse(text, currency: currency, effective: now.utcDate.adding(days: -400))
                try store.insertRate(rate, as: .platform, at: now)
                rates[currency] = rate
            }
        }
        var granted: [Handle: Int64] = [:]
        for handle in suppliers {
            let record = try store.party(handle)
            granted[handle] = record.position.available.minorUnits
        }
        var buyerRows: [Handle: [Value]] = [:]
        for handle in buyers { buyerRows[handle] = try store.parties.eventRow(handle) }
        return SeedCast(suppliers: suppliers, buyers: buyers, rates: rates, granted: granted, buyerRows: buyerRows)
    }
}

enum SeedNames {
    static let places = ["Shenzhen", "Ningbo", "Hanoi", "Pune", "İzmir", "Monterrey", "Foshan", "Xiamen", "Bursa", "Surat"]
    static let trades = ["Electronics", "Textiles", "Furniture", "Ceramics", "Lighting", "Hardware", "Packaging", "Toys"]
    static let buyerNames = ["Müller", "Tanaka", "Yılmaz", "Dubois", "Smith", "Souza", "Rossi", "García", "Nakamura", "Kowalski", "Østergaard", "佐藤"]
    static let buyerForms = ["GmbH", "K.K.", "A.Ş.", "SARL", "LLC", "Ltda.", "S.p.A.", "S.L.", "Co.", "Sp. z o.o.", "ApS", "商事"]

    static func supplier(_ n: Int) -> String { "\(places[n % places.count]) \(trades[n % trades.count]) Co. \(n)" }
    static func buyer(_ n: Int) -> String {
        let i = n % buyerNames.count
        return "\(buyerNames[i]) Trading \(buyerForms[i]) \(n)"
    }
}

/// Phase timings on stderr when TRADEGUARD_SEED_TRACE is set (development aid).
enum SeedTrace {
    nonisolated(unsafe) static var last = Date()
    static let enabled = ProcessInfo.processInfo.environment["TRADEGUARD_SEED_TRACE"] != nil
    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    static func note(_ text: String) {
        if enabled { FileHandle.standardError.write((text + "\n").data(using: .utf8)!) }
    }
    static func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write("\(phase): \(String(format: "%.2f", now.timeIntervalSince(last))) s\n".data(using: .utf8)!)
        last = now
    }
}
