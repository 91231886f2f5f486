import Foundation
import TradeGuardCore

/// `tradeguard check`: SQLite's own integrity and foreign-key checks, every invariant of
/// DESIGN §3, the derived columns against their derivation, and the audit hash chain.
/// A full scan by design — start-up never runs it.
public struct IntegrityReport: Sendable {
    public var faults: [String] = []
    public var orders = 0
    public var events = 0
    public var chainHead: [UInt8] = EventLog.genesis
    /// What could not be verified, and remarks that are not faults: no key file, an anchor
    /// that starts late, pre-replay history verified by hash only.
    public var notes: [String] = []
    public var isClean: Bool { faults.isEmpty }
}

final class FaultList {
    let limit: Int
    private(set) var items: [String] = []
    init(limit: Int) { self.limit = limit }
    func add(_ text: String) { if items.count < limit { items.append(text) } }
}

extension Store {
    /// Everything in one read snapshot. At scale (DESIGN §7: a million orders) every part is a
    /// few sequential scans: the chain is one pass over `events` that also counts each order's
    /// events; orders are re-derived from one ordered scan of `orders` merge-joined with ordered
    /// scans of each child table (see IntegrityStream), never a query per order. Two threads from
    /// the start: the replay on one (ReplayRunner), SQLite's integrity check then the chain,
    /// ledger and order passes on the other. Whichever finishes first takes up what the other has
    /// not begun — ranges of the chain (SharedChain), the foreign-key and counter checks — so
    /// both cores stay busy to the end.
    /// `head`: a chain head a party kept (`tradeguard anchor`), verified as well.
    /// `chainSpan`: events per range of the shared chain pass (tests vary it; the report must not change).
    public func check(maxFaults: Int = 50, head: KeptHead? = nil) throws -> IntegrityReport {
        try check(maxFaults: maxFaults, head: head, chainSpan: SharedChain.defaultSpan)
    }

    func check(maxFaults: Int = 50, head: KeptHead? = nil, chainSpan: Int64) throws -> IntegrityReport {
        // SQLite's own check comes first, alone: the invariant scans read through the same
        // indexes and would stop at damage with no more than "malformed". Damage goes on
        // record for the next write to see; a check that finds none clears the record.
        IntegrityTrace.mark("start")
        // The replay reads its own snapshot on its own thread, beside this check (see ReplayRunner).
        let replay = ReplayRunner.start(path: path, maxFaults: maxFaults, chainSpan: chainSpan)
        let damage: [String]
        do {
            let integrityDB = integrityConnection() ?? db
            defer { if integrityDB !== db { integrityDB.close(checkpoint: false) } }
            damage = try integrityDB.read { try Self.integrityFindings(integrityDB) }
        } catch let error as SQLiteError where error.isCorrupt {
            replay.cancel()
            DamageMarker.record(["integrity_check could not finish: \(error.message)"], for: path)
            throw error
        } catch {
            replay.cancel()
            throw error
        }
        IntegrityTrace.mark("integrity_check")
        guard damage.isEmpty else {
            replay.cancel()
            DamageMarker.record(damage, for: path)
            var report = IntegrityReport()
            report.faults = Array(damage.prefix(maxFaults))
            return report
        }
        DamageMarker.clear(for: path)
        do {
            return try checkSnapshot(maxFaults: maxFaults, head: head, replay: replay)
        } catch {
            replay.cancel()
            throw error
        }
    }

    /// A read-only connection of its own for SQLite's integrity check: on the store's read-write
    /// connection the same check costs about a third more CPU (15 s against 11 s at 200,000
    /// orders, measured with and without `mode=ro`), and read-only is how issue 17's yardstick
    /// runs it. Nil where none opens (in memory, say): the store's connection runs it then.
    private func integrityConnection() -> Database? {
        guard !path.isEmpty, path != ":memory:", let db = try? Store.migrator.open(path: path, mode: .readOnly) else { return nil }
        // The check looks up every row in each of its table's indexes; with SQLite's default
        // 2 MB cache it reads the same index pages from the file again and again (a third of
        // its time was the kernel copying them: 4.5 s of 12 at 200,000 orders, 0.8 s with 64 MB).
        // The connection, and its cache, are closed when the check is done.
        try? db.execute("PRAGMA cache_size = -\(Self.integrityCacheKiB)")
        return db
    }

    /// SQLite's page cache for its integrity check (see integrityConnection).
    static let integrityCacheKiB = 65_536

    /// `PRAGMA integrity_check`, each finding naming the table or index it is in.
    private static func integrityFindings(_ db: Database) throws -> [String] {
        // Stepped by hand: on some damage SQLite reports what it found and then stops with
        // SQLITE_CORRUPT; the rows before the stop are the useful part.
        var integrity: [String] = []
        let statement = try db.prepare("PRAGMA integrity_check")
        defer { statement.reset() }
        do {
            while try statement.step() { integrity.append(statement.text(0)) }
        } catch let error as SQLiteError where error.isCorrupt && !integrity.isEmpty {
            integrity.append("the check stopped early: \(error.message)")
        }
        guard integrity != ["ok"] else { return [] }
        let locator = IntegrityLocator(db: db)
        return IntegrityLocator.lines(integrity).prefix(10).map { "integrity: \(locator.describe($0))" }
    }

    private func checkSnapshot(maxFaults: Int, head: KeptHead?, replay: ReplayRunner) throws -> IntegrityReport {
        let anchors = anchorEvidence()   // before the snapshot: see AnchorEvidence
        return try db.read {
            var report = IntegrityReport()
            // Faults collect apart from `report`, which the checks also take inout.
            // The foreign-key and counter checks run on the replay's thread (ReplayRunner), which
            // puts their faults before and after these.
            let faults = FaultList(limit: maxFaults)
            func fault(_ text: String) { faults.add(text) }

            var eventCounts = try EventCounts(db: db)
            try checkChain(&report, &eventCounts, replay.chain, fault)
            IntegrityTrace.mark("chain")
            try checkSchemaObjects(fault)
            try checkAnchors(anchors, head: head, notes: &report.notes, fault)
            IntegrityTrace.mark("schema and anchor")
            try checkLedger(fault)
            IntegrityTrace.mark("ledger")
            try checkOrders(&report, eventCounts, fault)
            IntegrityTrace.mark("orders")
            try replay.runLeftovers(db: db)
            IntegrityTrace.mark("side checks the replay's thread left")
            report.faults = Array(try replay.finish(&report, db: db, main: faults.items).prefix(maxFaults))
            IntegrityTrace.mark("replay (waited for)")
            return report
        }
    }

    /// Re-hashes every event in order; any edit, insertion or deletion breaks the chain.
    /// Also counts each order's events (all but payment replays) for `checkOrders`. Shared with
    /// the replay's thread once its replay is done (SharedChain): ranges of ids, put back in order.
    private func checkChain(_ report: inout IntegrityReport, _ counts: inout EventCounts, _ chain: SharedChain,
                            _ fault: (String) -> Void) throws {
        let bounds = try db.query("SELECT min(id), max(id) FROM events", []) { ($0.optionalInt(0), $0.optionalInt(1)) }.first
        chain.publish(first: bounds?.0 ?? 1, last: bounds?.1 ?? 0, counts: counts)
        let statement = try db.prepare(ChainRange.sql)
        var orders: [Int64] = []
        let (ranges, counted) = try chain.finish { ids in
            orders.removeAll(keepingCapacity: true)
            return (try ChainRange.verify(db, statement, ids, orders: &orders), orders)
        }
        counts = counted
        report.events = ranges.reduce(0) { $0 + $1.events }
        if let first = ranges.lazy.compactMap(\.fault).first { fault(first) }
        report.chainHead = ranges.last { $0.lastReadable != nil }?.lastReadable ?? EventLog.genesis
    }

    /// Reservations: every order's reserve and release rows net to what it holds (its covered
    /// amount while its state holds a reservation, nothing after), and every supplier's reserved
    /// figure equals its ledger; limits within bounds. (Before schema 10 an order had at most one
    /// reserve and one release; a price change before payment now moves it by the difference.)
    private func checkLedger(_ fault: (String) -> Void) throws {
        for (handle, stored, ledger, granted, latest) in try db.query("""
            SELECT p.handle, p.reserved_usd,
                coalesce((SELECT sum(CASE kind WHEN 'release' THEN -amount_usd ELSE amount_usd END) FROM limit_ledger WHERE supplier_id = p.id), 0),
                p.granted_usd,
                (SELECT granted_usd FROM limit_recomputes WHERE supplier_id = p.id ORDER BY id DESC LIMIT 1)
            FROM parties p WHERE p.kind = 'supplier'
            """, [], row: { ($0.text(0), $0.int(1), $0.int(2), $0.int(3), $0.optionalInt(4)) }) {
            if stored != ledger { fault("limit: \(handle) shows \(stored) reserved but its ledger nets \(ledger)") }
            if stored < 0 { fault("limit: \(handle) has a negative reservation") }
            if granted != (latest ?? 0) { fault("limit: \(handle) shows \(granted) granted but its last recompute says \(latest ?? 0)") }
            if granted > LimitFormula.capUSD.minorUnits { fault("limit: \(handle) is granted more than the cap") }
        }
        // Orders with a coverage, or with any ledger row, merge-joined (by order id) with their
        // ledger rows netted per order (read from limit_ledger_by_order alone) — two ordered
        // scans instead of a subquery per order.
        let orders = try db.prepare("SELECT id, state, coalesce(covered_usd, 0), covered_usd > 0 FROM orders ORDER BY id")
        defer { orders.reset() }
        let ledger = try ChildCursor(db, """
            SELECT order_id, sum(CASE kind WHEN 'release' THEN -amount_usd ELSE amount_usd END)
            FROM limit_ledger WHERE order_id IS NOT NULL GROUP BY order_id ORDER BY order_id
            """)
        func usd(_ minor: Int64) -> String { MoneyFormat.decimal(Money(minorUnits: minor, currency: .usd)) }
        while try orders.step() {
            let order = orders.int(0)
            var net: Int64?
            try ledger.rows(for: order) { net = $0.int(1) }
            guard net != nil || orders.int(3) == 1 else { continue }
            let state = orders.text(1), covered = orders.int(2)
            let holds = OrderState(rawValue: state)?.holdsReservation ?? false
            let code = OrderCode(number: order)
            let rows = net ?? 0
            if holds && rows != covered { fault("ledger: order \(code) covers \(usd(covered)) but its ledger rows net \(usd(rows))") }
            if !holds && rows != 0 { fault("ledger: order \(code) is \(state) but its ledger rows still hold \(usd(rows))") }
        }
    }

    /// Every order re-derived through the domain: totals, paid sums, deadlines, whose move, events.
    private func checkOrders(_ report: inout IntegrityReport, _ eventCounts: EventCounts, _ fault: (String) -> Void) throws {
        let stream = try OrderStream(db: db, rows: orderRows)
        try stream.forEach { id, loaded, stored in
            report.orders += 1
            let code = OrderCode(number: id)
            guard let order = loaded else { return }
            guard let total = try? order.contract.total() else { fault("order \(code): total overflows"); return }
            if stored.total != total.minorUnits { fault("order \(code): stored total \(stored.total) ≠ lines \(total.minorUnits)") }
            if stored.paidAdvance != order.paid(.advance).minorUnits || stored.paidBalance != order.paid(.balance).minorUnits {
                fault("order \(code): paid columns disagree with its payments")
            }
            if order.paid(.advance).minorUnits > order.advanceAmount.minorUnits || order.paid(.balance).minorUnits > order.balanceAmount.minorUnits {
                fault("order \(code): paid more than a term")
            }
            // The kind too: queues show it ("contact overdue"), and two kinds can fall due at one instant.
            if stored.nextDeadline != order.nextDeadline?.due.secondsSinceEpoch || stored.nextDeadlineKind != order.nextDeadline?.kind.rawValue {
                fault("order \(code): next deadline is stale")
            }
            if stored.timeoutAt != order.timeoutAt?.secondsSinceEpoch { fault("order \(code): timeout is stale") }
            if stored.waitingOn != order.waitingOnKind?.rawValue { fault("order \(code): 'waiting on' is stale") }
            if stored.state != order.state.rawValue || stored.supplierQueue != OrderQueue.of(order, side: .supplier).rawValue
                || stored.buyerQueue != OrderQueue.of(order, side: .buyer).rawValue || stored.payable != (order.payableNow == nil ? 0 : 1) {
                fault("order \(code): queue columns are stale")
            }
            let events = eventCounts[id]
            if events != stored.version { fault("order \(code): \(events) audit events for version \(stored.version)") }
            if stored.searchRows != 1 { fault("order \(code): missing from the search index") }
            if [.shipped, .completed, .closed].contains(order.state) && !order.outstanding(.advance).isZero {
                fault("order \(code): shipped before the advance was paid")
            }
            if (order.state == .completed || order.state == .closed) && order.dispute != nil { fault("order \(code): completed while disputed") }
        }
    }

    /// SQLite's foreign-key check, each orphan row one fault.
    static func checkForeignKeys(db: Database, _ fault: (String) -> Void) throws {
        for row in try db.query("PRAGMA foreign_key_check", [], row: { "\($0.text(0)) row \($0.optionalInt(1) ?? 0) → \($0.text(2))" }) {
            fault("foreign key: \(row)")
        }
    }

    /// The tab counters equal a real count.
    static func checkCounts(db: Database, _ fault: (String) -> Void) throws {
        let mismatches = try db.query("""
            WITH actual AS (
                SELECT supplier_id AS party_id, 'supplier' AS side, state, initiator, payable, count(*) AS n FROM orders GROUP BY 1, 3, 4, 5
                UNION ALL
                SELECT buyer_id, 'buyer', state, initiator, payable, count(*) FROM orders GROUP BY 1, 3, 4, 5)
            SELECT coalesce(a.party_id, c.party_id), coalesce(a.state, c.state), coalesce(a.n, 0), coalesce(c.n, 0)
            FROM actual a FULL OUTER JOIN order_counts c
              ON c.party_id = a.party_id AND c.side = a.side AND c.state = a.state AND c.initiator = a.initiator AND c.payable = a.payable
            WHERE coalesce(a.n, 0) <> coalesce(c.n, 0)
            """, [], row: { "party \($0.int(0)) \($0.text(1)): counted \($0.int(3)), actually \($0.int(2))" })
        mismatches.forEach { fault("counts: \($0)") }
    }
}

/// Phase timings of `check` on stderr when TRADEGUARD_CHECK_TRACE is set (development aid):
/// wall time, and the calling thread's CPU time (which a loaded machine does not inflate).
enum IntegrityTrace {
    nonisolated(unsafe) static var last = DispatchTime.now()
    nonisolated(unsafe) static var lastCPU = threadCPU()
    static let enabled = ProcessInfo.processInfo.environment["TRADEGUARD_CHECK_TRACE"] != nil
    static func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now(), cpu = threadCPU()
        let seconds = (Double(now.uptimeNanoseconds) - Double(last.uptimeNanoseconds)) / 1e9
        FileHandle.standardError.write("\(phase): \(String(format: "%.2f s, %.2f s CPU", seconds, cpu - lastCPU))\n".data(using: .utf8)!)
        last = now
        lastCPU = cpu
    }

    /// Seconds of CPU the calling thread has used.
    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// A phase of another thread, timed by the caller.
    static func report(_ phase: String, wall: Double, cpu: Double) {
        guard enabled else { return }
        FileHandle.standardError.write("\(phase): \(String(format: "%.2f s, %.2f s CPU", wall, cpu))\n".data(using: .utf8)!)
    }
}

/// CPU time of a loop's phases, summed over its iterations (TRADEGUARD_CHECK_TRACE only).
struct PhaseClock {
    private var totals: [(String, Double)] = []
    private var last = IntegrityTrace.enabled ? IntegrityTrace.threadCPU() : 0

    mutating func lap(_ phase: String) {
        guard IntegrityTrace.enabled else { return }
        let now = IntegrityTrace.threadCPU()
        if let i = totals.firstIndex(where: { $0.0 == phase }) { totals[i].1 += now - last } else { totals.append((phase, now - last)) }
        last = now
    }

    func report() {
        for (phase, cpu) in totals { IntegrityTrace.report(phase, wall: .nan, cpu: cpu) }
    }
}
