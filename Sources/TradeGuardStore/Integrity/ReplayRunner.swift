import Foundation

/// Runs the replay on its own read connection and thread while the rest of `check` runs on
/// the store's: the passes share nothing but the file and each reads one consistent snapshot,
/// so on two cores the replay (the longest pass) no longer adds its time to the others'.
/// Where a second connection cannot be opened (an in-memory database, say) it runs inline.
final class ReplayRunner: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the replay thread before `done` is signalled, read after waiting on it.
    private var faults: [String] = []
    private var notes: [String] = []
    private var failure: Error?
    private var inline = false

    private init() {}

    static func start(path: String, maxFaults: Int) -> ReplayRunner {
        let runner = ReplayRunner()
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
            do {
                let list = FaultList(limit: maxFaults)
                var report = IntegrityReport()
                try db.read { try Store.checkReplay(db: db, &report, list.add) }
                runner.faults = list.items
                runner.notes = report.notes
            } catch {
                runner.failure = error
            }
        }
        return runner
    }

    /// Waits for the replay and adds what it found; `db` runs it inline when it could not start.
    func finish(_ report: inout IntegrityReport, db: Database, _ fault: (String) -> Void) throws {
        done.wait()
        if inline { return try Store.checkReplay(db: db, &report, fault) }
        if let failure { throw failure }
        report.notes += notes
        faults.forEach(fault)
    }
}
