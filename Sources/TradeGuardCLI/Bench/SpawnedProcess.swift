import Foundation
import TradeGuardTerminal
#if canImport(Glibc)
import Glibc
#endif

/// A helper program run by the hosted bench and the SSH tests (sshd, ssh, ssh-keygen): exactly
/// the environment given, stdin from a file, stdout and stderr into fresh files (never pipes:
/// nothing can deadlock on a full pipe), and signals unblocked and at their defaults (a
/// thread's blocked SIGTERM would otherwise be inherited, and sshd would never stop).
public final class SpawnedProcess: @unchecked Sendable {
    public struct Result: Sendable, CustomStringConvertible {
        /// The exit status, or -1 when a signal ended it.
        public let status: Int32
        public let signal: Int32?
        public let stdout: String
        public let stderr: String
        public let seconds: Double

        public var description: String { "exit \(status)\(signal.map { " (signal \($0))" } ?? "")\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let pid: pid_t
    private let outPath: String
    private let errPath: String
    private let started: Double

    /// Starts `executable`; `ownGroup`: as the leader of a new process group, so it and all it
    /// starts can be signalled at once (`kill(-pid, …)`).
    public init(_ executable: String, _ arguments: [String], environment: [String: String], folder: String,
                stdinPath: String = "/dev/null", ownGroup: Bool = false) throws {
        let tag = UUID().uuidString
        outPath = folder + "/.out-\(tag)"
        errPath = folder + "/.err-\(tag)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if ownGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        started = Self.now()
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(rc)))") }
        self.pid = pid
    }

    /// Runs to the end.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String], folder: String,
                           stdinPath: String = "/dev/null") throws -> Result {
        try SpawnedProcess(executable, arguments, environment: environment, folder: folder, stdinPath: stdinPath).wait()
    }

    public func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

    /// Waits for the end; the output files are read and removed.
    public func wait() -> Result {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Self.now() - started
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        unlink(outPath)
        unlink(errPath)
        let low = status & 0x7F
        if low == 0 { return Result(status: (status >> 8) & 0xFF, signal: nil, stdout: out, stderr: err, seconds: seconds) }
        return Result(status: -1, signal: low, stdout: out, stderr: err, seconds: seconds)
    }

    private static func now() -> Double { Double(PseudoTerminal.monotonicNanoseconds()) / 1e9 }
}
