import Foundation
import Testing
import TradeGuardCLI
import TradeGuardCore
import TradeGuardStore

/// Issue 18's bad input and attacks: a company's key trying to be someone else, reach another
/// file, run platform commands, or get a shell. Each through a real sshd, each refused with one
/// sentence, nothing written.
@Suite(.enabled(if: PrivateSSHD.unavailable == nil, "skipped: needs /usr/sbin/sshd, /usr/bin/ssh and ssh-keygen (openssh-server, openssh-client)"))
struct SSHAttackTests {
    struct Attack: CustomTestStringConvertible, Sendable {
        let label: String
        let command: String
        let says: String
        var testDescription: String { label }
    }

    static let attacks: [Attack] = [
        Attack(label: "--as B", command: "orders --as hanse", says: "--as is not allowed over SSH: this key acts for nova only"),
        Attack(label: "--as=B", command: "do confirm TG-0000001 --as=hanse", says: "--as is not allowed over SSH"),
        Attack(label: "--db /other", command: "orders --db /tmp/other.sqlite", says: "--db is not allowed over SSH"),
        Attack(label: "--config", command: "orders --config /tmp/x", says: "--config is not allowed over SSH"),
        Attack(label: "party points", command: "party points acme 0", says: "'party' is a platform command; this key acts for nova only"),
        Attack(label: "rate set", command: "rate set EUR 0.5", says: "'rate' is a platform command"),
        Attack(label: "keys add", command: "keys add nova --name x -", says: "'keys' is a platform command"),
        Attack(label: "do resolve", command: "do resolve TG-0000001 --refund 10.00", says: "'do resolve' is a platform command"),
        Attack(label: "backup", command: "backup /tmp/copy.sqlite", says: "'backup' cannot be run over SSH"),
        Attack(label: "B's order", command: "order TG-0000001", says: "There is no order TG-0000001."),
        Attack(label: "acting on B's order", command: "do confirm-receipt TG-0000001", says: "There is no order TG-0000001."),
        Attack(label: "; rm -rf /", command: "; rm -rf /", says: "Unknown command ';'"),
        Attack(label: "orders; rm", command: "orders; touch /tmp/tg-pwned-semicolon", says: "Unknown command"),
        Attack(label: "$(…)", command: "orders $(touch /tmp/tg-pwned-subst)", says: "Unexpected argument"),
        Attack(label: "an interactive shell", command: "bash", says: "Unknown command 'bash'"),
        Attack(label: "an unclosed quote", command: "order 'TG-0000001", says: "A quote (') is not closed"),
        Attack(label: "a 100 KB command", command: "orders " + String(repeating: "x", count: 100_000), says: "The command is longer than 64 KB"),
    ]

    @Test(arguments: attacks)
    func isRefusedWithOneSentenceAndWritesNothing(_ attack: Attack) throws {
        let p = try SSHPlatform()
        _ = try p.confirmedOrder(buyer: "hanse")
        let before = try p.eventCount()
        let result = p.ssh("nova-desk", [attack.command])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains(attack.says), "\(result)")
        // A command's own usage mistakes add the pointer to its --help, which works over SSH too.
        #expect(result.stderr.split(separator: "\n").filter { !$0.hasPrefix("Run 'tradeguard ") }.count == 1, "one sentence: \(result)")
        #expect(try p.eventCount() == before)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/tg-pwned-semicolon") && !FileManager.default.fileExists(atPath: "/tmp/tg-pwned-subst"))
    }

    @Test func aPaymentKeyAnotherPartyUsedIsRefused() throws {
        let p = try SSHPlatform()
        let hanse = try p.confirmedOrder(buyer: "hanse")
        let nova = try p.confirmedOrder(buyer: "nova")
        #expect(p.ssh("hanse-desk", ["do", "pay", hanse, "--amount", "10.00", "--key", "shared-1"]).status == 0)
        let before = try p.eventCount()
        let reuse = p.ssh("nova-desk", ["do", "pay", nova, "--amount", "10.00", "--key", "shared-1"])
        #expect(reuse.status == 1 && reuse.stderr.contains("Payment key shared-1 was already used for another order"), "\(reuse)")
        #expect(try p.eventCount() == before)
    }

    @Test func aOneMegabyteCommandWritesNothing() throws {
        let p = try SSHPlatform()
        let before = try p.eventCount()
        // One argument may hold at most 128 KiB (Linux): ssh joins its words with spaces into one command.
        let result = p.ssh("nova-desk", ["orders"] + Array(repeating: String(repeating: "y", count: 1 << 16), count: 16))
        #expect(result.status != 0, "\(result)")
        #expect(try p.eventCount() == before)
    }

    @Test func aNonUTF8CommandIsRefused() throws {
        let p = try SSHPlatform()
        let before = try p.eventCount()
        // Swift strings cannot hold the byte 0xFF: bash's printf puts it into ssh's argument.
        let arguments = p.sshd.sshArguments(key: p.keys["nova-desk"]!.path)
        let result = Spawn.start("/bin/bash", ["-c", "exec /usr/bin/ssh \"$@\" \"$(printf 'orders \\377')\"", "bash"] + arguments,
                                 environment: ["PATH": "/usr/bin:/bin", "HOME": p.sandbox.folder], folder: p.sandbox.folder).wait()
        #expect(result.status != 0 && result.stderr.contains("not valid UTF-8"), "\(result)")
        #expect(try p.eventCount() == before)
    }

    @Test func anInteractiveShellIsNeverStarted() throws {
        let p = try SSHPlatform()
        let result = p.ssh("nova-desk", ["bash", "-c", "'echo pwned'"], extra: ["-tt"])
        #expect(result.status != 0 && !result.stdout.contains("pwned") && (result.stdout + result.stderr).contains("Unknown command 'bash'"), "\(result)")
    }

    @Test func portForwardingIsRefusedByRestrict() throws {
        let p = try SSHPlatform()
        // Remote forwarding: the server must refuse it (ExitOnForwardFailure makes ssh say so).
        let remote = p.ssh("nova-desk", [], extra: ["-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:\(p.sshd.port)"])
        #expect(remote.status != 0 && remote.stderr.contains("forwarding failed"), "\(remote)")
        // A direct TCP channel (what -L uses for each connection): refused.
        let direct = p.ssh("nova-desk", [], extra: ["-W", "127.0.0.1:\(p.sshd.port)"])
        #expect(direct.status != 0 && !direct.stdout.contains("SSH-2.0"), "\(direct)")
    }

    @Test func aRevokedKeyIsRefusedAtTheDoorAndByTheSession() throws {
        let p = try SSHPlatform()
        let fingerprint = p.keys["nova-desk"]!.fingerprint
        #expect(p.tg(["keys", "revoke", fingerprint]).status == 0)
        let door = p.ssh("nova-desk", ["orders"])
        #expect(door.status == 255 && door.stderr.contains("Permission denied"), "\(door)")
        // Were the old line still in place, the session itself refuses the key.
        var environment = p.sshd.environment(p.sandbox)
        environment["SSH_ORIGINAL_COMMAND"] = "orders"
        let session = InProcess.run(["session", "--key", fingerprint], environment: environment)
        #expect(session.status == 1 && session.stderr.contains("This key was revoked on"), "\(session)")
        let unknown = InProcess.run(["session", "--key", "SHA256:" + String(repeating: "A", count: 43)], environment: environment)
        #expect(unknown.status == 1 && unknown.stderr.contains("This key is not known to the platform"), "\(unknown)")
    }
}
