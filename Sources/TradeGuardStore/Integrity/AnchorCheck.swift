import TradeGuardCore

/// A chain head a party kept (`tradeguard anchor` prints it as `SEQ:HASH`): the platform
/// itself cannot rewrite events up to SEQ without changing HASH.
public struct KeptHead: Equatable, Sendable, CustomStringConvertible {
    public let sequence: Int64
    public let hash: [UInt8]

    public init(sequence: Int64, hash: [UInt8]) {
        self.sequence = sequence
        self.hash = hash
    }

    /// `SEQ:HASH`, HASH 64 hex digits (either case); nil if it is not one.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let sequence = Int64(parts[0]), sequence > 0, !parts[0].hasPrefix("+"),
              let hash = AnchorLine.bytes(hex: Substring(parts[1].lowercased())), hash.count == 32 else { return nil }
        self.init(sequence: sequence, hash: hash)
    }

    public var description: String { "\(sequence):\(SHA256.hex(hash))" }
}

/// What `check` reads beside the database. Read BEFORE its snapshot begins: a head is
/// anchored only after its commit, so every line read then names an event the snapshot holds
/// (reading after could see a concurrent writer's newer head and cry tampering).
struct AnchorEvidence {
    let database: String
    let contents: AnchorLog.Contents
    let key: AnchorKey.Loaded

    /// nil for a database with no file (in-memory).
    static func load(database: String) -> AnchorEvidence? {
        guard !database.isEmpty else { return nil }
        return AnchorEvidence(database: database, contents: AnchorLog.read(forDatabase: database), key: AnchorKey.load(forDatabase: database))
    }
}

extension Store {
    /// This store's own queued anchor lines written first, then the evidence read.
    func anchorEvidence() -> AnchorEvidence? {
        anchorState.drain()
        return AnchorEvidence.load(database: db.filename)
    }

    /// Inside `check`'s snapshot, after the chain pass proved every stored hash: the log must
    /// reach every anchored head, each anchored head must match its event's keyed hash, and a
    /// kept head must match. Faults are tampering; notes are what could not be verified.
    func checkAnchors(_ evidence: AnchorEvidence?, head kept: KeptHead?, notes: inout [String], _ fault: (String) -> Void) throws {
        let last = try db.scalarInt("SELECT max(id) FROM events") ?? 0
        let lookup = try db.cachedStatement("SELECT hash FROM events WHERE id = ?")
        func hash(of id: Int64) throws -> [UInt8]? {
            defer { lookup.reset() }
            try lookup.bind([.int(id)])
            return try lookup.step() ? lookup.blob(0) : nil
        }
        if let kept {
            if let stored = try hash(of: kept.sequence) {
                if stored != kept.hash {
                    fault("kept head: event \(grouped(kept.sequence)) has hash \(SHA256.hex(stored)), not the kept \(SHA256.hex(kept.hash)): the log was rewritten up to it")
                }
            } else {
                fault("kept head: event \(grouped(kept.sequence)) is not in the audit log, which ends at event \(grouped(last))")
            }
        }
        guard let evidence else { return }
        let name = AnchorLog.path(forDatabase: evidence.database)
        if let error = evidence.contents.readError {
            notes.append("The anchor could not be read (\(error)); only the chain itself was verified.")
            return
        }
        guard evidence.contents.exists else {
            if case .key = evidence.key {
                fault("anchor: \(name) is missing, but the key beside the database shows that heads were anchored")
            } else if last > 0 {
                notes.append("Nothing is anchored yet (a database from before anchoring); its next write starts the anchor.")
            }
            return
        }
        for line in evidence.contents.unreadable.prefix(5) { fault("anchor: line \(line) of \(name) is not an anchor line") }
        let lines = evidence.contents.lines.sorted { $0.sequence < $1.sequence }
        guard let first = lines.first, let newest = lines.last else { return }

        var keyer: HMACSHA256?
        switch evidence.key {
        case .key(let key): keyer = HMACSHA256(key: key)
        case .missing: notes.append("The key file \(AnchorKey.path(forDatabase: evidence.database)) is missing, so anchored heads were checked by sequence only, not by their keyed hashes.")
        case .unreadable(let reason): notes.append("The key file \(AnchorKey.path(forDatabase: evidence.database)) could not be read (\(reason)), so anchored heads were checked by sequence only, not by their keyed hashes.")
        }
        if newest.sequence > last {
            fault("anchor: the audit log ends at " + (last == 0 ? "no event" : "event \(grouped(last))")
                  + ", but event \(grouped(newest.sequence)) was anchored on \(shortTime(newest.at))")
        }
        var previous: AnchorLine?
        for line in lines where line.sequence <= last && line != previous {
            previous = line
            guard let stored = try hash(of: line.sequence) else {
                fault("anchor: event \(grouped(line.sequence)) was anchored on \(shortTime(line.at)) but is not in the audit log")
                continue
            }
            if let keyer, let keyed = line.keyedHash, keyer.authenticate(stored) != keyed {
                fault("anchor: event \(grouped(line.sequence)) differs from what was anchored on \(shortTime(line.at)) (its keyed hash does not match)")
            }
        }
        if first.sequence > 1 {
            notes.append("The anchor starts at event \(grouped(first.sequence)); its keyed head vouches for the events before it as they stood then.")
        }
        if last > newest.sequence {
            notes.append("Events \(grouped(newest.sequence + 1)) to \(grouped(last)) were committed after the newest anchored head "
                         + "(a process stopped between its commit and its anchor, or is writing now).")
        }
    }
}

/// 18214 → "18,214".
func grouped(_ n: Int64) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
}

/// "2026-12-05T10:14:03Z" → "2026-12-05 10:14 UTC".
func shortTime(_ at: Instant) -> String {
    let iso = at.iso8601
    return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
}
