import Foundation
import Testing
import TradeGuardCLI

/// The tests' side of the private sshd (the harness itself is `PrivateSSHD` in TradeGuardCLI,
/// shared with `bench --hosted`): one in the test's sandbox, and ssh runs as `RunResult`s.
extension PrivateSSHD {
    /// A private sshd in the sandbox's folder serving its database. The bench report variable is
    /// accepted, for the tests that count a session's writes per key.
    convenience init(_ sandbox: Sandbox) throws {
        try self.init(folder: sandbox.folder, database: sandbox.db, binary: Binary.path, acceptEnvironment: [SessionBenchReport.variable])
    }

    /// Runs `ssh … USER@127.0.0.1 COMMAND` to the end; stdin from `stdin` when given.
    func ssh(key: String, _ command: [String] = [], extra: [String] = [], stdin: String? = nil) -> RunResult {
        var stdinPath = "/dev/null"
        if let stdin {
            stdinPath = folder + "/.ssh-in-\(UUID().uuidString)"
            _ = FileManager.default.createFile(atPath: stdinPath, contents: Data(stdin.utf8))
        }
        return Spawn.start(Self.ssh, sshArguments(key: key, extra: extra, command: command),
                           environment: ["PATH": "/usr/bin:/bin", "HOME": folder], folder: folder, stdinPath: stdinPath).wait()
    }

    /// The environment for in-process `tradeguard` runs on this platform (keys add …).
    func environment(_ sandbox: Sandbox) -> [String: String] {
        sandbox.environment(["TRADEGUARD_PLATFORM_CONFIG": platformConfig])
    }
}

struct SSHDFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
