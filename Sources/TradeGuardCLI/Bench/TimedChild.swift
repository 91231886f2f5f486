import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process run to its end with its wall time and the CPU time it used (from `wait4`),
/// for figures such as `init`'s "wall beside CPU": the difference is time spent waiting (the
/// disk, or other programs on a busy machine).
struct TimedChild {
    let status: Int32
    let wallSeconds: Double
    let cpuSeconds: Double

    /// Runs `path arguments…` with `environment`, its output discarded.
    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> TimedChild {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in Int32(0)...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let began = Monotonic.seconds()
        var child: pid_t = 0
        let spawned = posix_spawn(&child, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Monotonic.seconds() - began
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return TimedChild(status: code, wallSeconds: wall, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime))
    }
}
