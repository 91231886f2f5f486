#if canImport(Glibc)
import Glibc
#endif

/// A database's key and anchor as they were at one moment, to be written beside a copy of it
/// (`tradeguard backup`), so `check` verifies the copy exactly as it does the original.
/// Read before the copy's snapshot begins: the copied anchor then never runs ahead of it.
public struct AnchorCopy: Sendable {
    let key: [UInt8]?
    let anchor: [UInt8]?

    public static func read(database: String) -> AnchorCopy {
        guard !database.isEmpty else { return AnchorCopy(key: nil, anchor: nil) }
        return AnchorCopy(key: whole(AnchorKey.path(forDatabase: database)), anchor: whole(AnchorLog.path(forDatabase: database)))
    }

    /// Writes what was read beside `target` (never overwriting), with the target's mode.
    /// The anchor before the key: a copy killed between the two then has an anchor without its
    /// key, which `check` notes as unverifiable, while a key without its anchor is a fault
    /// ("heads were anchored, but the anchor is missing") that a kill must not leave behind.
    public func write(besideDatabase target: String) throws {
        let mode = AnchorFile.mode(likeDatabase: target)
        if let anchor { try AnchorFile.writeNew(AnchorLog.path(forDatabase: target), bytes: anchor, mode: mode) }
        if let key { try AnchorFile.writeNew(AnchorKey.path(forDatabase: target), bytes: key, mode: mode) }
        if key != nil || anchor != nil { AnchorFile.syncFolder(of: target) }
    }

    private static func whole(_ file: String) -> [UInt8]? { (try? AnchorFile.readWhole(file)) ?? nil }
}
