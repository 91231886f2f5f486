import Foundation
import Testing
import TradeGuardCLI
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// A tmux server of its own for `ssh -tt` into the full-screen app (the E2E target's TmuxHarness
/// lives in another test target; this is the little of it these tests need). Programs start with
/// signals unblocked and at their defaults, as a person's terminal would have them.
final class SSHTmux: @unchecked Sendable {
    static let isAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
    let folder: String
    private var socket: String { folder + "/tmux.sock" }

    init(folder: String) { self.folder = folder }

    deinit { _ = run(["kill-server"]) }

    @discardableResult
    func run(_ arguments: [String]) -> RunResult {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return Spawn.start("/usr/bin/tmux", ["-S", socket, "-f", "/dev/null"] + arguments,
                           environment: ["PATH": "/usr/bin:/bin", "HOME": folder, "LANG": "C.UTF-8", "TERM": "xterm-256color"],
                           folder: folder, attributes: &attributes).wait()
    }

    /// Starts `words` (quoted for tmux's shell) in a detached 100×30 session whose pane stays after it exits.
    func start(_ words: [String]) {
        let command = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        run(["start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
             "new-session", "-d", "-s", "tg", "-x", "100", "-y", "30", command])
    }

    func capture() -> String { run(["capture-pane", "-p", "-J", "-S", "-200", "-t", "tg"]).stdout }

    func send(_ key: String) { run(["send-keys", "-t", "tg", key]) }

    /// The screen once `condition` holds, or nil after `timeout` seconds. Lines are joined: a
    /// sentence the terminal wrapped at the right edge is matched whole.
    func wait(timeout: Double = 15, until condition: (String) -> Bool) -> String? {
        let deadline = Clock.now() + timeout
        while Clock.now() < deadline {
            let screen = capture().replacingOccurrences(of: "\n", with: "")
            if condition(screen) { return screen }
            usleep(100_000)
        }
        return nil
    }
}

/// Issue 18: `ssh -tt` with no command opens the full-screen app as the key's party, straight into
/// its workspace (no picker), and a key revoked meanwhile ends the session at its next key.
@Suite(.enabled(if: PrivateSSHD.unavailable == nil && SSHTmux.isAvailable, "skipped: needs sshd, ssh, ssh-keygen and tmux"))
struct SSHFullScreenTests {
    @Test func theAppOpensAsTheKeysPartyAndEndsWhenTheKeyIsRevoked() throws {
        let p = try SSHPlatform()
        _ = try p.confirmedOrder(buyer: "hanse")
        let tmux = SSHTmux(folder: p.sandbox.folder)
        tmux.start(["/usr/bin/ssh", "-tt"] + p.sshd.sshArguments(key: p.keys["hanse-desk"]!.path))
        let opened = tmux.wait { $0.contains("TG-0000001") }
        #expect(opened != nil, "the buyer's workspace with its order: \(tmux.capture())")
        #expect(opened?.contains("hanse") == true || opened?.contains("Hanse") == true, "\(opened ?? "")")
        // The palette refuses switching party on a real database.
        tmux.send(":")
        for c in "party.switch" { tmux.send(String(c)) }
        tmux.send("Enter")
        #expect(tmux.wait { $0.contains("only possible on a demo database") } != nil, "\(tmux.capture())")

        #expect(p.tg(["keys", "revoke", p.keys["hanse-desk"]!.fingerprint]).status == 0)
        tmux.send("Down")
        let ended = tmux.wait { $0.contains("has been revoked") }
        #expect(ended != nil, "the next key ends the session and says why: \(tmux.capture())")
    }

    @Test func twoCompaniesScreensUpdateEachOtherLive() throws {
        let p = try SSHPlatform()
        func screen(_ name: String) throws -> SSHTmux {
            let folder = p.sandbox.folder + "/tmux-" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let tmux = SSHTmux(folder: folder)
            tmux.start(["/usr/bin/ssh", "-tt"] + p.sshd.sshArguments(key: p.keys[name]!.path))
            return tmux
        }
        let supplier = try screen("acme-desk"), buyer = try screen("hanse-desk")
        #expect(supplier.wait { $0.contains("Drafts") } != nil && buyer.wait { $0.contains("Drafts") } != nil, "\(buyer.capture())")
        #expect(p.ssh("acme-desk", ["draft", "--json", "-"], stdin: ContractText.valid).status == 0)
        #expect(supplier.wait(timeout: 2) { $0.contains("TG-0000001") } != nil, "the drafter's own screen: \(supplier.capture())")
        let submitted = p.ssh("acme-desk", ["do", "submit", "TG-0000001"])
        #expect(submitted.status == 0, "\(submitted)")
        // The buyer's session, another process over another SSH connection, notices the commit by polling.
        let started = Clock.now()
        #expect(buyer.wait(timeout: 2) { $0.contains("TG-0000001") } != nil, "\(buyer.capture())")
        #expect(Clock.now() - started < 1.5, "within about a second")
    }

    @Test func aReadOnlyKeysAppSaysSoAndChangesNothing() throws {
        let p = try SSHPlatform()
        let code = try p.confirmedOrder(buyer: "hanse")
        let before = try p.eventCount()
        let tmux = SSHTmux(folder: p.sandbox.folder)
        tmux.start(["/usr/bin/ssh", "-tt"] + p.sshd.sshArguments(key: p.keys["hanse-auditor"]!.path))
        #expect(tmux.wait { $0.contains("this key is read-only") && $0.contains(code) } != nil, "\(tmux.capture())")
        tmux.send(":")
        for c in "order.pay" { tmux.send(String(c)) }
        tmux.send("Enter")
        #expect(tmux.wait { $0.contains("Read-only: this key is read-only") } != nil, "\(tmux.capture())")
        #expect(try p.eventCount() == before)
    }

    /// The platform's own staff reach the platform's workspace the same way (issue 21).
    @Test func thePlatformsKeyOpensThePlatformsWorkspace() throws {
        let p = try SSHPlatform()
        let tmux = SSHTmux(folder: p.sandbox.folder)
        tmux.start(["/usr/bin/ssh", "-tt"] + p.sshd.sshArguments(key: p.keys["platform-ops"]!.path))
        #expect(tmux.wait { $0.contains("1 Escalated") && $0.contains("2 Disputes") } != nil, "\(tmux.capture())")
    }
}
