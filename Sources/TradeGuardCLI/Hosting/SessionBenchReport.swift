import Foundation
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// `bench --hosted` inside an SSH session: the sessions it drives report their keys, frames and
/// commits through the file `TRADEGUARD_BENCH_REPORT` names, as the local bench's app does.
/// A client can set the variable only where the platform's sshd accepts it (`AcceptEnv`: the
/// bench's private sshd does, a real platform has no reason to), and even then a session writes
/// only to a named pipe or an empty file: never into a file that holds something (the database,
/// authorized_keys).
public enum SessionBenchReport {
    public static let variable = BenchReporter.variable

    /// `environment` with the variable kept only when it names a pipe or an empty regular file.
    static func vetted(_ environment: [String: String]) -> [String: String] {
        var vetted = environment
        if let path = environment[variable], !isReportTarget(path) { vetted[variable] = nil }
        return vetted
    }

    /// Reports every commit of `store` as `C <nanoseconds from BEGIN IMMEDIATE to COMMIT>`.
    static func reportCommits(of store: Store, environment: [String: String]) {
        guard let path = vetted(environment)[variable] else { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { return }
        let pipe = ReportDescriptor(fd)
        store.commitTimer = { nanoseconds in pipe.write("C \(nanoseconds)\n") }
    }

    private static func isReportTarget(_ path: String) -> Bool {
        var facts = stat()
        guard lstat(path, &facts) == 0 else { return false }
        let type = facts.st_mode & S_IFMT
        if type == S_IFREG { return facts.st_size == 0 }
        guard type == S_IFIFO else { return false }
        // A pipe nobody reads would block the session's open for ever: only one with a reader.
        let probe = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard probe >= 0 else { return false }
        close(probe)
        return true
    }
}

/// An open report file, closed with the last reference to it. One write per line: lines from
/// many sessions on one pipe never interleave (each is far below PIPE_BUF).
final class ReportDescriptor {
    private let fd: Int32

    init(_ fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    func write(_ line: String) {
        var bytes = Array(line.utf8)
        _ = Glibc.write(fd, &bytes, bytes.count)
    }
}
