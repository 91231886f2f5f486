import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a connection waits for a lock another connection holds (SQLite's busy handler).
///
/// Why not `sqlite3_busy_timeout`: its sleeps grow 1, 2, 5, 10, 15, 20, 25 … 100 ms, so a writer
/// that finds the lock taken five times wakes 33 ms later and a sixth time 53 ms later, whatever
/// the holder's few milliseconds. With many writers (the hosted platform) the commit p99 was that
/// staircase, not the work. Here a waiter sleeps 0.2 ms for its first 5 ms, then 1 ms, until
/// `timeoutMs` of wall time (measured, not the sum of asked sleeps, which a loaded machine stretches).
final class BusyWait {
    var timeoutMs: Int32
    private var startedNs: UInt64 = 0

    init(timeoutMs: Int32) { self.timeoutMs = timeoutMs }

    /// Installs this waiter on `db`. The caller keeps `self` alive as long as the connection.
    func install(on db: OpaquePointer) {
        sqlite3_busy_handler(db, busyCallback, Unmanaged.passUnretained(self).toOpaque())
    }

    /// 1: try again; 0: give up (SQLite then answers SQLITE_BUSY).
    fileprivate func shouldRetry(attempt: Int32) -> Int32 {
        let now = MonotonicClock.nanoseconds()
        if attempt == 0 { startedNs = now }
        let waitedNs = now - startedNs
        guard waitedNs < UInt64(max(timeoutMs, 0)) * 1_000_000 else { return 0 }
        usleep(waitedNs < 5_000_000 ? 200 : 1_000)
        return 1
    }
}

/// The machine's monotonic clock, for measuring waits and commits (never for the domain's time,
/// which comes from the injectable clock).
enum MonotonicClock {
    static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

/// The C callback: `context` is the connection's `BusyWait`, `attempt` how often SQLite has
/// called it for this lock (0 the first time).
private func busyCallback(_ context: UnsafeMutableRawPointer?, _ attempt: Int32) -> Int32 {
    guard let context else { return 0 }
    return Unmanaged<BusyWait>.fromOpaque(context).takeUnretainedValue().shouldRetry(attempt: attempt)
}
