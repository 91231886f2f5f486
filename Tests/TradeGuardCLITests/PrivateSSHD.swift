import Foundation
import Testing
import TradeGuardCore
#if canImport(Glibc)
import Glibc
#endif

/// A private OpenSSH server for one test (issue 18): its own folder, a generated host key, an
/// `sshd_config` listening on 127.0.0.1 at a free port, `AuthorizedKeysFile` and the platform
/// config inside the folder. Started as `/usr/sbin/sshd -D -e -f CONFIG` by this test's own user;
/// stopped (by its pid) when the value goes away.
final class PrivateSSHD: @unchecked Sendable {
    static let sshd = "/usr/sbin/sshd"
    static let ssh = "/usr/bin/ssh"
    static let keygen = "/usr/bin/ssh-keygen"

    /// Why no sshd can start here at all (no package), or nil. Anything else that stops one
    /// starting is a failure, not a skip: CI must run these tests.
    static let unavailable: String? = {
        for tool in [sshd, ssh, keygen] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is not installed (Debian: apt-get install openssh-server openssh-client)"
        }
        return nil
    }()

    let sandbox: Sandbox
    let port: Int
    let user: String
    let authorizedKeys: String
    let platformConfig: String
    private let child: Child

    init(_ sandbox: Sandbox) throws {
        self.sandbox = sandbox
        let folder = sandbox.folder
        authorizedKeys = folder + "/authorized_keys"
        platformConfig = folder + "/platform.conf"
        user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        // Debian's sshd wants its privilege-separation folder when it runs as root.
        if geteuid() == 0 { mkdir("/run/sshd", 0o755) }
        try Self.run(Self.keygen, ["-q", "-t", "ed25519", "-N", "", "-f", folder + "/host_key"], in: sandbox)
        _ = sandbox.write("platform.conf", """
            database = \(sandbox.db)
            authorized-keys = \(authorizedKeys)
            binary = \(Binary.path)

            """)
        var lastError = ""
        for _ in 0..<5 {
            let port = Self.freePort()
            let config = sandbox.write("sshd_config", """
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
                LogLevel ERROR

                """)
            let started = Self.startServer(config: config, folder: folder)
            if Self.waitForListener(port: port, child: started) {
                self.port = port
                self.child = started
                return
            }
            started.kill()
            lastError = started.wait().stderr
            if !lastError.contains("Address already in use") { break }
        }
        throw SSHDFailure(message: "sshd did not start: \(lastError)")
    }

    deinit {
        // The whole group: timeout, sshd and any session it still runs.
        kill(-child.pid, SIGTERM)
        _ = child.wait()
        kill(-child.pid, SIGKILL)
    }

    /// `timeout 900 /usr/sbin/sshd -D -e -f CONFIG` in a process group of its own, with signals
    /// unblocked and at their defaults (a test thread's blocked SIGTERM would otherwise be
    /// inherited, and sshd would never stop). timeout(1) passes SIGTERM on; should this test
    /// process die without stopping it, sshd still ends after 15 minutes instead of listening forever.
    private static func startServer(config: String, folder: String) -> Child {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        return Spawn.start("/usr/bin/timeout", ["900", sshd, "-D", "-e", "-f", config], environment: ["PATH": "/usr/bin:/bin"],
                           folder: folder, attributes: &attributes)
    }

    /// A new client key pair in the folder: (private key path, public key text).
    func clientKey(_ name: String) throws -> (path: String, pub: String) {
        let path = sandbox.folder + "/" + name
        try Self.run(Self.keygen, ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path], in: sandbox)
        return (path, try String(contentsOfFile: path + ".pub", encoding: .utf8))
    }

    /// `ssh -p PORT -i KEY … USER@127.0.0.1 [COMMAND]` as the brief's tests call it.
    func sshArguments(key: String, extra: [String] = [], command: [String] = []) -> [String] {
        ["-p", String(port), "-i", key, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
         "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes"] + extra + ["\(user)@127.0.0.1"] + command
    }

    /// Runs ssh to the end; stdin from `stdin` when given.
    func ssh(key: String, _ command: [String] = [], extra: [String] = [], stdin: String? = nil) -> RunResult {
        var stdinPath = "/dev/null"
        if let stdin { stdinPath = sandbox.write(".ssh-in-\(UUID().uuidString)", stdin) }
        return Spawn.start(Self.ssh, sshArguments(key: key, extra: extra, command: command),
                           environment: ["PATH": "/usr/bin:/bin", "HOME": sandbox.folder], folder: sandbox.folder, stdinPath: stdinPath).wait()
    }

    /// The environment for in-process `tradeguard` runs on this platform (keys add …).
    var environment: [String: String] { sandbox.environment(["TRADEGUARD_PLATFORM_CONFIG": platformConfig]) }

    private static func run(_ tool: String, _ arguments: [String], in sandbox: Sandbox) throws {
        let result = Spawn.start(tool, arguments, environment: ["PATH": "/usr/bin:/bin"], folder: sandbox.folder).wait()
        guard result.status == 0 else { throw SSHDFailure(message: "\(tool) failed: \(result)") }
    }

    /// A port nobody listens on now (the kernel's pick; sshd may still lose a race: retried).
    private static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls until the port accepts a connection (true) or sshd has exited or 10 s passed.
    private static func waitForListener(port: Int, child: Child) -> Bool {
        let deadline = Clock.now() + 10
        while Clock.now() < deadline {
            var status: Int32 = 0
            if waitpid(child.pid, &status, WNOHANG) == child.pid { return false }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let ok = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            } == 0
            close(fd)
            if ok { return true }
            usleep(20_000)
        }
        return false
    }
}

struct SSHDFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
