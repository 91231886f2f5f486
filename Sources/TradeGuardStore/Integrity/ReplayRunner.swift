import Foundation

/// Runs the replay on its own read connection and thread while the rest of `check` runs on
/// the store's: the passes share nothing but the file and each reads one consistent snapshot,
/// so on two cores the replay (the longest pass) no longer adds its time to the others'.
/// It starts before SQLite's `integrity_check` and runs beside it too (issue 17: `check` within
/// 2× of `integrity_check` alone); when that check finds damage the replay is cancelled and
/// whatever it found is dropped, as if it had never run.
/// The foreign-key and counter checks run after the replay on whichever thread is free first
/// (this one, or the store's once its passes are done), as the audit chain does (SharedChain):
/// whichever pass turns out longer, the other core takes up the slack. Their faults keep their
/// place in the report: foreign keys first, counters after the main passes, the replay last.
/// Where a second connection cannot be opened (an in-memory database, say) it runs inline.
final class ReplayRunner: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var cancelled = false
    // Written by the replay thread before `done` is signalled, read after waiting on it.
    private var faults = Faults()
    private var notes: [String] = []
    private var failure: Error?
    private var inline = false
    /// Side checks begun by either thread (guarded by `lock`), and the faults of those the store's thread ran.
    private var claimed: [SideCheck] = []
    private var leftovers = Faults()
    private let maxFaults: Int
    /// The audit chain, verified by the store's thread and, once its replay is done, by this one.
    let chain: SharedChain

    private init(maxFaults: Int, chainSpan: Int64) {
        self.maxFaults = maxFaults
        chain = SharedChain(span: chainSpan)
    }

    /// The replay connection's page cache: the events are read in (order, id) order through
    /// their index, so a page of events is met again for each order it holds; 32 MiB keeps
    /// those pages in SQLite's cache instead of reading them again from the file.
    static let cacheKiB = 32_768

    static func start(path: String, maxFaults: Int, chainSpan: Int64) -> ReplayRunner {
        let runner = ReplayRunner(maxFaults: maxFaults, chainSpan: chainSpan)
        guard !path.isEmpty, path != ":memory:" else {
            runner.inline = true
            runner.done.signal()
            return runner
        }
        Thread.detachNewThread {
            defer { runner.done.signal() }
            let db: Database
            do { db = try Store.migrator.open(path: path, mode: .readOnly) } catch { runner.inline = true; return }
            defer { db.close(checkpoint: false) }
            try? db.execute("PRAGMA cache_size = -\(cacheKiB)")
            let started = DispatchTime.now(), cpu = IntegrityTrace.threadCPU()
            defer {
                IntegrityTrace.report("replay thread", wall: Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9,
                                      cpu: IntegrityTrace.threadCPU() - cpu)
            }
            do {
                var report = IntegrityReport()
                runner.faults = try db.read {
                    let faults = try Self.run(db: db, &report, maxFaults: maxFaults, cancelled: runner.isCancelled, claim: runner.claim)
                    Self.help(runner.chain, db: db, cancelled: runner.isCancelled)
                    return faults
                }
                runner.notes = report.notes
            } catch {
                runner.failure = error
            }
        }
        return runner
    }

    private func isCancelled() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Stops the replay at its next order and waits for its thread; nothing it found is kept.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        chain.close()
        done.wait()
        faults = Faults()
        leftovers = Faults()
        notes = []
        failure = nil
        inline = false
    }

    /// Waits for the thread; the report's faults in order: foreign keys, `main` (the passes on
    /// the store's connection), counters, replay. `db` runs the thread's passes inline when it
    /// could not start.
    func finish(_ report: inout IntegrityReport, db: Database, main: [String]) throws -> [String] {
        done.wait()
        if inline { faults = try Self.run(db: db, &report, maxFaults: maxFaults, cancelled: { false }, claim: claim) } else {
            if let failure { throw failure }
            report.notes += notes
        }
        return faults.foreignKeys + leftovers.foreignKeys + main + faults.counts + leftovers.counts + faults.replay
    }

    /// The foreign-key and counter checks: each is run once, by the first thread to claim it.
    enum SideCheck { case foreignKeys, counts }

    private func claim(_ check: SideCheck) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !claimed.contains(check) else { return false }
        claimed.append(check)
        return true
    }

    /// The store's thread, its own passes done: runs the side checks this thread has not begun.
    func runLeftovers(db: Database) throws {
        var clock = PhaseClock()
        defer { clock.report() }
        if claim(.foreignKeys) {
            let list = FaultList(limit: maxFaults)
            try Store.checkForeignKeys(db: db, list.add)
            leftovers.foreignKeys = list.items
            clock.lap("foreign_key_check (store's thread)")
        }
        if claim(.counts) {
            let list = FaultList(limit: maxFaults)
            try Store.checkCounts(db: db, list.add)
            leftovers.counts = list.items
            clock.lap("counts (store's thread)")
        }
    }

    /// Verifies ranges of the audit chain until none is left that this snapshot holds whole
    /// (see SharedChain). A range whose read fails goes back to the store's thread.
    private static func help(_ chain: SharedChain, db: Database, cancelled: () -> Bool) {
        var clock = PhaseClock()
        defer { clock.report() }
        guard let last = try? db.scalarInt("SELECT max(id) FROM events"), let statement = try? db.prepare(ChainRange.sql) else { return }
        var orders: [Int64] = []
        while !cancelled(), let (index, ids) = chain.take(within: last) {
            orders.removeAll(keepingCapacity: true)
            do {
                chain.deposit(index, try ChainRange.verify(db, statement, ids, orders: &orders), orders: orders)
            } catch {
                chain.giveBack(index)
                return
            }
            clock.lap("chain ranges (replay thread)")
        }
    }

    /// The faults of the thread's passes, kept apart to take their places in the report.
    private struct Faults {
        var foreignKeys: [String] = []
        var counts: [String] = []
        var replay: [String] = []
    }

    private static func run(db: Database, _ report: inout IntegrityReport, maxFaults: Int, cancelled: () -> Bool,
                            claim: (SideCheck) -> Bool) throws -> Faults {
        let foreignKeys = FaultList(limit: maxFaults), counts = FaultList(limit: maxFaults), replay = FaultList(limit: maxFaults)
        if !cancelled() { try Store.checkReplay(db: db, &report, replay.add, cancelled: cancelled) }
        var clock = PhaseClock()
        defer { clock.report() }
        if !cancelled(), claim(.foreignKeys) {
            try Store.checkForeignKeys(db: db, foreignKeys.add)
            clock.lap("foreign_key_check (replay thread)")
        }
        if !cancelled(), claim(.counts) {
            try Store.checkCounts(db: db, counts.add)
            clock.lap("counts (replay thread)")
        }
        return Faults(foreignKeys: foreignKeys.items, counts: counts.items, replay: replay.items)
    }
}
