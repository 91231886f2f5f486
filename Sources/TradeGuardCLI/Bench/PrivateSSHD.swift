import Foundation
import TradeGuardTerminal
#if canImport(Glibc)
import Glibc
#endif

/// A private OpenSSH server (issue 18), shared by the SSH tests and `bench --hosted`: its own
/// folder, a generated host key, an `sshd_config` listening on 127.0.0.1 at a free port,
/// `AuthorizedKeysFile` and the platform config inside the folder. Started as
/// `/usr/sbin/sshd -D -e -f CONFIG` by the caller's own user; stopped (the whole process group:
/// sshd and every session it still runs) by `stop()` or when the value goes away.
public final class PrivateSSHD: @unchecked Sendable {
    public static let sshd = "/usr/sbin/sshd"
    public static let ssh = "/usr/bin/ssh"
    public static let keygen = "/usr/bin/ssh-keygen"

    /// Why no sshd can start here at all (no package), or nil. Anything else that stops one
    /// starting is an error, not a skip: CI must run the tests that need it.
    public static let unavailable: String? = {
        for tool in [sshd, ssh, keygen] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is not installed (Debian: apt-get install openssh-server openssh-client)"
        }
        return nil
    }()

    public let folder: String
    public let port: Int
    public let user: String
    public let authorizedKeys: String
    public let platformConfig: String
    private let server: SpawnedProcess
    private let lock = NSLock()
    private var stopped = false

    /// `database` and `binary` go into the platform config the sessions read. `acceptEnvironment`:
    /// variables a client may send (`AcceptEnv`; the bench's report pipe), none on a real platform.
    /// `lifetimeSeconds`: sshd runs under timeout(1), so should the caller die without stopping it,
    /// it still ends instead of listening forever.
    public init(folder: String, database: String, binary: String, acceptEnvironment: [String] = [], lifetimeSeconds: Int = 900) throws {
        self.folder = folder
        authorizedKeys = folder + "/authorized_keys"
        platformConfig = folder + "/platform.conf"
        user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        // Debian's sshd wants its privilege-separation folder when it runs as root.
        if geteuid() == 0 { mkdir("/run/sshd", 0o755) }
        try Self.run(Self.keygen, ["-q", "-t", "ed25519", "-N", "", "-f", folder + "/host_key"], folder: folder)
        try Self.write(platformConfig, """
            database = \(database)
            authorized-keys = \(authorizedKeys)
            binary = \(binary)

            """)
        var lastError = ""
        for _ in 0..<5 {
            let port = Self.freePort()
            let config = folder + "/sshd_config"
            try Self.write(config, """
                ListenAddress 127.0.0.1
                Port \(port)
                HostKey \(folder)/host_key
                AuthorizedKeysFile \(authorizedKeys)
                StrictModes no
                \(geteuid() == 0 ? "PermitRootLogin forced-commands-only" : "")
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                PidFile \(folder)/sshd.pid
                SetEnv TRADEGUARD_PLATFORM_CONFIG=\(platformConfig)
                \(acceptEnvironment.isEmpty ? "" : "AcceptEnv " + acceptEnvironment.joined(separator: " "))
                MaxStartups 200:30:400
                MaxSessions 100
                LogLevel ERROR

                """)
            let started = try SpawnedProcess("/usr/bin/timeout", [String(lifetimeSeconds), Self.sshd, "-D", "-e", "-f", config],
                                             environment: ["PATH": "/usr/bin:/bin"], folder: folder, ownGroup: true)
            if Self.waitForListener(port: port, server: started) {
                self.port = port
                server = started
                return
            }
            started.kill()
            lastError = started.wait().stderr
            if !lastError.contains("Address already in use") { break }
        }
        throw SpawnedProcess.Failure(description: "sshd did not start: \(lastError)")
    }

    deinit { stop() }

    /// Stops sshd and every session it still runs (its whole process group).
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        kill(-server.pid, SIGTERM)
        _ = server.wait()
        kill(-server.pid, SIGKILL)
    }

    /// sshd's process id (timeout(1)'s child): the sessions are its descendants.
    public var serverPID: pid_t { server.pid }

    /// A new client key pair in the folder: (private key path, public key text).
    public func clientKey(_ name: String) throws -> (path: String, pub: String) {
        let path = folder + "/" + name
        try Self.run(Self.keygen, ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path], folder: folder)
        return (path, try String(contentsOfFile: path + ".pub", encoding: .utf8))
    }

    /// The arguments of `ssh -p PORT -i KEY … USER@127.0.0.1 [COMMAND]`, as a company's staff would
    /// call it (no known-hosts file, no agent, no password prompt).
    public func sshArguments(key: String, extra: [String] = [], command: [String] = []) -> [String] {
        ["-p", String(port), "-i", key, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
         "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes"] + extra + ["\(user)@127.0.0.1"] + command
    }

    private static func run(_ tool: String, _ arguments: [String], folder: String) throws {
        let result = try SpawnedProcess.run(tool, arguments, environment: ["PATH": "/usr/bin:/bin"], folder: folder)
        guard result.status == 0 else { throw SpawnedProcess.Failure(description: "\(tool) failed: \(result)") }
    }

    private static func write(_ path: String, _ text: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw SpawnedProcess.Failure(description: "cannot write \(path)")
        }
    }

    /// A port nobody listens on now (the kernel's pick; sshd may still lose a race: retried).
    private static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    /// Polls until the port accepts a connection (true), or sshd has exited, or 10 s passed.
    private static func waitForListener(port: Int, server: SpawnedProcess) -> Bool {
        let deadline = PseudoTerminal.monotonicNanoseconds() + 10_000_000_000
        while PseudoTerminal.monotonicNanoseconds() < deadline {
            // timeout(1) exits with sshd; its group leader gone means sshd is gone.
            if kill(server.pid, 0) != 0 || isZombie(server.pid) { return false }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = loopback(port: port)
            let ok = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            } == 0
            close(fd)
            if ok { return true }
            usleep(20_000)
        }
        return false
    }

    /// Exited but not yet waited for (state Z in /proc): checked without reaping it, so `wait`
    /// still finds its output.
    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
