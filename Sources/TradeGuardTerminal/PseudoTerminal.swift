import CNCurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process on a pseudo-terminal of a given size, for measuring the real back end from
/// the outside (`tradeguard bench`): what it writes is counted byte for byte on the master side,
/// keys are typed into it, and its peak memory comes from `wait4`.
public final class PseudoTerminal: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case system(String, Int32)
        public var description: String {
            switch self {
            case let .system(call, code): return "\(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    public let pid: pid_t
    private let master: Int32
    private let lock = NSLock()
    private var received = 0
    private var lastArrival = PseudoTerminal.monotonicNanoseconds()
    private var reader: Thread?

    /// Starts `path` with `arguments` on a new pseudo-terminal of `rows`×`cols`, as the leader
    /// of a new session (so the terminal is its controlling terminal, as in a real login).
    public init(path: String, arguments: [String], environment: [String: String], rows: Int, cols: Int) throws {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw Failure.system("posix_openpt", errno) }
        guard grantpt(master) == 0, unlockpt(master) == 0 else { let e = errno; close(master); throw Failure.system("grantpt", e) }
        var name = [CChar](repeating: 0, count: 128)
        guard ptsname_r(master, &name, name.count) == 0 else { let e = errno; close(master); throw Failure.system("ptsname_r", e) }
        _ = cnc_set_window_size(master, UInt16(rows), UInt16(cols))
        let slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { let e = errno; close(master); throw Failure.system("open pty", e) }
        defer { close(slave) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, CNC_POSIX_SPAWN_SETSID | Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        guard status == 0 else { close(master); throw Failure.system("posix_spawn \(path)", status) }
        pid = child

        let thread = Thread { [weak self] in self?.drain() }
        reader = thread
        thread.start()
    }

    deinit { close(master) }

    /// Reads everything the child writes, counting it, until the terminal closes.
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(master, &buffer, buffer.count)
            if n > 0 {
                lock.lock()
                received += n
                lastArrival = Self.monotonicNanoseconds()
                lock.unlock()
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return   // EIO: the child closed its side
            }
        }
    }

    /// Bytes received from the child so far.
    public var bytesReceived: Int { lock.lock(); defer { lock.unlock() }; return received }

    /// When the latest bytes from the child arrived (a `monotonicNanoseconds` time): after a
    /// `settle`, the moment the last byte of a frame reached the terminal.
    public var lastArrivalNanoseconds: UInt64 { lock.lock(); defer { lock.unlock() }; return lastArrival }

    /// Waits until nothing has arrived for `quietMs` (or `timeoutMs` passes); returns the bytes so far.
    /// `since` (a `monotonicNanoseconds` time, e.g. when the child finished writing a frame) starts
    /// the quiet no earlier than then: bytes written a moment ago may not have reached the reader
    /// thread yet, and a quiet measured from the arrival before them would end at once, counting
    /// none of them.
    public func settle(quietMs: Int = 25, since: UInt64 = 0, timeoutMs: Int = 2_000) -> Int {
        let deadline = Self.monotonicNanoseconds() + UInt64(timeoutMs) * 1_000_000
        while true {
            lock.lock()
            let last = max(lastArrival, since), total = received
            lock.unlock()
            let now = Self.monotonicNanoseconds()
            if now >= last + UInt64(quietMs) * 1_000_000 || now >= deadline { return total }
            usleep(2_000)
        }
    }

    /// Types `text` into the terminal, as a keyboard does.
    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(master, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 { offset += n } else if errno != EINTR { return }
            }
        }
    }

    /// Waits for the child to end; returns its exit status (128 + signal when killed) and its
    /// peak resident set in bytes.
    public func wait() -> (status: Int32, peakResidentBytes: Int) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, usage.ru_maxrss * 1024)
    }

    public func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

    /// CLOCK_MONOTONIC in nanoseconds: one clock for every process on the machine, so a child's
    /// timestamps compare with its parent's.
    public static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
