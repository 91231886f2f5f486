#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import TradeGuardCore

/// The write side of the anchor: after a write commits, its new chain head goes to the anchor
/// log. The commit stands whatever happens here — a head that could not be anchored leaves the
/// anchor behind the log, which `check` reports as a note, never as tampering.
extension Store {
    /// The newest event and its chain hash (nil for an empty log): what `tradeguard anchor`
    /// prints for a party to keep.
    public func currentHead() throws -> (sequence: Int64, hash: [UInt8])? {
        try db.read {
            let statement = try db.cachedStatement("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")
            defer { statement.reset() }
            return try statement.step() ? (statement.int(0), statement.blob(1)) : nil
        }
    }

    /// Anchors `hash`, the chain hash of event `sequence`, just committed. Called outside the
    /// transaction (after COMMIT), so it never holds the write lock others wait for. The line
    /// is keyed here; its append and fsync run on the store's anchor thread, so an action is
    /// acknowledged after its own commit's fsync, not after a second one (`close` waits for it).
    func anchorCommitted(sequence: Int64, hash: [UInt8]) {
        let database = db.filename
        guard !database.isEmpty else { return }   // in-memory: nothing beside it
        let now = SystemTimeSource().now()
        do {
            if anchorState.keyer == nil {
                // The anchor file first: a key beside no anchor then always means a deleted anchor.
                try AnchorLog.create(database: database)
                anchorState.keyer = HMACSHA256(key: try AnchorKey.loadOrCreate(forDatabase: database))
            }
            anchorState.append(AnchorLine(sequence: sequence, keyedHash: anchorState.keyer?.authenticate(hash), at: now), database: database)
        } catch {
            // Without the key the sequence alone is still worth anchoring: it catches a cut log.
            anchorState.append(AnchorLine(sequence: sequence, keyedHash: nil, at: now), database: database, problem: "\(error)")
        }
    }

    /// Anchors whatever head the log has now (after a bulk write such as a seed, or a new
    /// database built aside and moved into place), creating the key and the anchor if missing.
    public func anchorNewestHead() {
        if let head = try? currentHead() { anchorCommitted(sequence: head.sequence, hash: head.hash) }
    }

    /// Why the last commit's head could not be anchored, or was anchored without its key
    /// (nil when it was anchored). Waits for the anchor thread.
    public var anchorProblem: String? { anchorState.problem }

    /// Moves a database's key and anchor from `old` to `new` (a database built under a
    /// temporary name and renamed into place). Call before renaming the database itself.
    public static func moveAnchorFiles(from old: String, to new: String) throws {
        for (from, to) in [(AnchorKey.path(forDatabase: old), AnchorKey.path(forDatabase: new)),
                           (AnchorLog.path(forDatabase: old), AnchorLog.path(forDatabase: new))] {
            if rename(from, to) != 0 && errno != ENOENT {
                throw AnchorError("cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// One Store's anchor writer: the loaded key (used on the store's thread) and a serial queue
/// that appends lines in commit order. `problem` and `drain` wait for the queue.
final class AnchorState: @unchecked Sendable {
    var keyer: HMACSHA256?
    private let queue = DispatchQueue(label: "tradeguard.anchor")
    private var lastProblem: String?   // only touched on `queue`

    func append(_ line: AnchorLine, database: String, problem: String? = nil) {
        queue.async {
            do {
                try AnchorLog.append(line, database: database)
                self.lastProblem = problem.map { "\($0); the head was anchored without its key" }
            } catch {
                self.lastProblem = "\(problem.map { $0 + "; " } ?? "")\(error)"
            }
        }
    }

    var problem: String? { queue.sync { lastProblem } }

    /// Returns once every queued line is written.
    func drain() { queue.sync {} }
}
