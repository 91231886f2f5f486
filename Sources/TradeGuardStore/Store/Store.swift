#if canImport(Glibc)
import Glibc
#endif
import TradeGuardCore

/// Demo databases run on a simulated clock and allow switching party; real ones use the
/// system clock and a fixed party.
public enum DatabaseKind: String, Sendable {
    case demo, real
}

/// The one place where data lives and changes. One connection, used from one thread.
/// Reads are short transactions that end before they return; every write goes through
/// `transact`, which is the workflow's single gate (see Workflow+Store.swift).
public final class Store {
    /// "TGRD": marks a file as a TradeGuard database.
    public static let applicationID: Int32 = 0x5447_5244
    static let migrator = Migrator(applicationID: applicationID,
                                   steps: [SchemaV1.sql, SchemaV2.sql, SchemaV3.sql].map { sql -> Migrator.Step in { try $0.execute(sql) } } + [SchemaV4.step]
                                       + [SchemaV5.sql].map { sql -> Migrator.Step in { try $0.execute(sql) } } + [SchemaV6.step]
                                       + [SchemaV7.step, SchemaV8.step, SchemaV9.step]
                                       + [SchemaV10.sql].map { sql -> Migrator.Step in { try $0.execute(sql) } }
                                       + [SchemaV11.step, SchemaV12.step])
    public static var schemaVersion: Int { migrator.latestVersion }

    /// The connection. Internal: every other module asks the store by name (`Store+Maintenance`).
    let db: Database
    public let path: String
    public let isReadOnly: Bool
    let timeSource: TimeSource
    var random: RandomSource
    var parties: PartyDirectory { PartyDirectory(db: db) }
    var orderRows: OrderRows { OrderRows(db: db, parties: parties) }
    var events: EventLog { EventLog(db: db) }
    var limits: LimitKeeper { LimitKeeper(db: db, parties: parties) }
    /// Party handles by row id. Both never change once a party is committed, so a listed
    /// row's parties are looked up once (`handles(of:)`), not with two subqueries per row.
    private var handles: [Int64: Handle] = [:]
    /// What the last filter keystroke read of a small view, so the next one, a longer text,
    /// reads only what could still match (`FilterPlan.ViewProbe`).
    var lastViewProbe: FilterPlan.ViewProbe?
    /// The anchor's key once loaded, and why the last head could not be anchored.
    let anchorState = AnchorState()
    /// Who stands behind this connection's events besides their actor (an SSH key, or the
    /// platform acting on behalf of a party); checked again in every write (see Attribution).
    public var attribution: Attribution?
    /// Told how long each committed write took, BEGIN IMMEDIATE (the wait for the write lock
    /// included) to COMMIT, in nanoseconds: `bench --hosted` measures commits inside the sessions.
    public var commitTimer: ((UInt64) -> Void)?

    /// Opens (creating an empty file if allowed) and migrates. A file that is not a TradeGuard
    /// database, or is newer than this program, is refused with a one-line reason.
    public init(path: String, readOnly: Bool = false, create: Bool = true, fileMode: mode_t = 0o600,
                busyTimeoutMs: Int32 = 5_000, timeSource: TimeSource = SystemTimeSource(), random: RandomSource = .system()) throws {
        self.path = path
        self.isReadOnly = readOnly
        self.timeSource = timeSource
        self.random = random
        let mode: Database.OpenMode = readOnly ? .readOnly : .readWrite(create: create)
        db = try Store.migrator.open(path: path, mode: mode, busyTimeoutMs: busyTimeoutMs, fileMode: fileMode)
    }

    /// The handles of a listed order's supplier and buyer (kept once read).
    public func handles(of row: OrderListing) throws -> (supplier: Handle, buyer: Handle) {
        try handles(supplier: row.supplierID, buyer: row.buyerID)
    }

    /// The handles of parties `supplier` and `buyer` (ids): the selected row's, asked for by
    /// every command the hint bar shows, so a known pair costs two dictionary lookups.
    public func handles(supplier: Int64, buyer: Int64) throws -> (supplier: Handle, buyer: Handle) {
        // Outside a transaction each lookup is its own autocommit read of committed rows: no
        // BEGIN … COMMIT around two point queries (a cursor move onto a new counterparty).
        do { return (try handle(ofParty: supplier), try handle(ofParty: buyer)) } catch let error as SQLiteError {
            throw StoreError.wrap(error)
        }
    }

    /// Reads the handles of the parties `ids` not known yet, in one read transaction, in id
    /// order. Work between keys: a cursor move onto those rows then reads nothing.
    public func learnHandles<S: Sequence>(of ids: S) throws where S.Element == Int64 {
        let missing = Set(ids.lazy.filter { self.handles[$0] == nil })
        guard !missing.isEmpty else { return }
        try read { for id in missing.sorted() { _ = try handle(ofParty: id) } }
    }

    /// A read transaction whose SQLite errors are mapped as a write's are (`StoreError.wrap`):
    /// a busy or full database reads the same to the caller whether it was reading or writing.
    func read<T>(_ body: () throws -> T) throws -> T {
        do { return try db.read(body) } catch let error as SQLiteError { throw StoreError.wrap(error) }
    }

    /// The handle of party `id`. Kept unless read inside a write transaction: a party inserted
    /// by a write that later rolls back must not be remembered (its id could be reused). A read
    /// transaction or a lone autocommit query sees only committed rows.
    func handle(ofParty id: Int64) throws -> Handle {
        if let known = handles[id] { return known }
        guard let text = try db.scalarText("SELECT handle FROM parties WHERE id = ?", [.int(id)]) else {
            throw StoreError.corruptRow("an order refers to party \(id), which does not exist")
        }
        let handle = try Handle(text)
        if db.isInReadTransaction || !db.isInTransaction { handles[id] = handle }
        return handle
    }

    /// Runs `body`'s reads so that they stop (an error with `isInterrupted`) once `shouldStop`
    /// answers true: work done between keys gives way to the next key.
    public func interruptible<T>(stopWhen shouldStop: @escaping () -> Bool, _ body: () throws -> T) throws -> T {
        try db.interruptible(stopWhen: shouldStop, body)
    }

    /// Runs `body` without an fsync per commit on this connection (`synchronous=OFF`), then
    /// restores FULL. Only for redoing work already shown to someone (a walkthrough replaying its
    /// steps after a step back): nothing is acknowledged meanwhile, and the next FULL commit makes
    /// the WAL durable with it. WAL mode keeps the file consistent through a crash of the process.
    public func withoutPerCommitSync<T>(_ body: () throws -> T) throws -> T {
        try db.execute("PRAGMA synchronous = OFF")
        defer { try? db.execute("PRAGMA synchronous = FULL") }
        return try body()
    }

    /// Closes the connection, checkpointing the WAL so the file stands alone, once the last
    /// commits' heads are in the anchor.
    public func close() {
        anchorState.drain()
        db.close(checkpoint: !isReadOnly)
    }

    // MARK: Settings and clock

    /// Whether the database has been initialised (a settings row exists).
    public func isInitialised() throws -> Bool {
        try read { try db.scalarInt("SELECT count(*) FROM settings") == 1 }
    }

    public func kind() throws -> DatabaseKind {
        try read {
            guard let text = try db.scalarText("SELECT kind FROM settings WHERE id = 1"), let kind = DatabaseKind(rawValue: text) else {
                throw StoreError.invalid("This database has not been initialised; run 'tradeguard init'.")
            }
            return kind
        }
    }

    /// The current instant: the simulated clock of a demo database, else the injected time source.
    public func now() throws -> Instant {
        try read { try currentInstant() }
    }

    /// Reads the clock inside the current transaction.
    func currentInstant() throws -> Instant {
        if let clock = try db.scalarInt("SELECT clock FROM settings WHERE id = 1") { return Instant(secondsSinceEpoch: clock) }
        return timeSource.now()
    }

    /// `PRAGMA data_version`: changes when another connection commits. Cheap; poll it.
    public func dataVersion() throws -> Int64 {
        do { return try db.dataVersion() } catch let error as SQLiteError { throw StoreError.wrap(error) }
    }

    // MARK: The write gate

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction with the clock read inside it. The body
    /// must append exactly one audit event through the recorder, or nothing is committed. Errors
    /// roll everything back and come out as `StoreError`.
    func transact<T>(_ body: (Instant, EventRecorder) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly }
        if let finding = DamageMarker.finding(for: path) { throw DamageMarker.refusal(finding) }
        let recorder = EventRecorder(log: events, seal: AttributionSeal(db: db, attribution: attribution))
        let began = commitTimer == nil ? 0 : MonotonicClock.nanoseconds()
        let result: T
        do {
            result = try db.write {
                let now = try currentInstant()
                let result = try body(now, recorder)
                guard recorder.count == 1 else {
                    throw StoreError.invalid("internal error: a change recorded \(recorder.count) audit events instead of one; nothing was saved")
                }
                return result
            }
        } catch {
            throw StoreError.wrap(error)
        }
        if let commitTimer { commitTimer(MonotonicClock.nanoseconds() - began) }
        // Committed: the new head goes to the anchor beside the file (see Store+Anchor).
        if let id = recorder.lastID, let hash = recorder.lastHash { anchorCommitted(sequence: id, hash: hash) }
        return result
    }
}

/// Hands out the one audit event a transaction may write, and remembers how many were written.
final class EventRecorder {
    private let log: EventLog
    private(set) var count = 0
    private(set) var lastID: Int64?
    private(set) var lastHash: [UInt8]?
    private let seal: AttributionSeal?

    init(log: EventLog, seal: AttributionSeal? = nil) {
        self.log = log
        self.seal = seal
    }

    @discardableResult
    func record(_ event: AuditEvent, orderID: Int64? = nil) throws -> Int64 {
        count += 1
        let event = try seal?.seal(event) ?? event
        let (id, hash) = try log.appendLinked(event, orderID: orderID)
        lastID = id
        lastHash = hash
        return id
    }
}
