import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// The one way `init`, the app's first run and `demo` bring a new database into being: built
/// aside and moved into place whole (`NewDatabaseFile`), then finished. Whatever belongs beside
/// a new database (an anchor or key file, say) is made in `finish`, after the move, so it can
/// never sit beside a half-built database.
enum DatabaseCreation {
    /// true when a new database was made at `path`; false when something was there already.
    static func create(at path: String, fileMode: mode_t = 0o600, timeSource: TimeSource = SystemTimeSource(),
                       random: RandomSource = .system(), build: (Store) throws -> Void) throws -> Bool {
        let outcome = try NewDatabaseFile.create(at: path, fileMode: fileMode, timeSource: timeSource, random: random, build: build)
        guard outcome == .created else { return false }
        finish(path)
        return true
    }

    /// A demo database whose clock ends at `now` (rounded down to the minute by the caller).
    static func createDemo(at path: String, now: Instant, fileMode: mode_t = 0o600) throws -> Bool {
        try create(at: path, fileMode: fileMode) { try DemoData.build(into: $0, now: now) }
    }

    /// Runs once a new database is complete and in place: its key and anchor are made beside
    /// it, and its head anchored (it was built aside, where nothing was anchored). A failure
    /// here leaves the database whole; `check` then notes that nothing is anchored yet.
    private static func finish(_ path: String) {
        guard let store = try? Store(path: path, create: false) else { return }
        store.anchorNewestHead()
        store.close()
    }
}
