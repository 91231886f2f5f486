import Foundation
import Testing
import TradeGuardCLI
import TradeGuardCore
@testable import TradeGuardStore

/// Issue 18 through a real OpenSSH server: companies reach the platform with `ssh`, each key
/// bound to one party by `keys add`, and `session --key FP` (the forced command) runs what they ask
/// as that party and no one else.
@Suite(.enabled(if: PrivateSSHD.unavailable == nil, "skipped: needs /usr/sbin/sshd, /usr/bin/ssh and ssh-keygen (openssh-server, openssh-client)"))
struct SSHSessionTests {
    @Test func keysAddWritesForcedLinesAndKeepsOtherKeys() throws {
        let sandbox = try Sandbox().standardDatabase(kind: .real)
        let sshd = try PrivateSSHD(sandbox)
        let own = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl admin@laptop"
        _ = sandbox.write("authorized_keys", "# the administrator's own key\n\(own)\n")
        let key = try sshd.clientKey("desk")
        let added = InProcess.run(["keys", "add", "acme", "--name", "Sales desk 1", "-"], stdin: key.pub, environment: sshd.environment(sandbox))
        #expect(added.status == 0, "\(added)")
        let fingerprint = try #require(added.stdout.split(separator: " ").dropFirst().first.map(String.init))
        let text = try String(contentsOfFile: sshd.authorizedKeys, encoding: .utf8)
        let keyText = key.pub.split(separator: " ").prefix(2).joined(separator: " ")
        #expect(text == """
            # the administrator's own key
            \(own)
            \(AuthorizedKeysFile.beginMarker)
            command="\(Binary.path) session --key \(fingerprint)",restrict,pty \(keyText)
            \(AuthorizedKeysFile.endMarker)

            """)
        let listed = InProcess.run(["keys", "list", "--format", "json"], environment: sshd.environment(sandbox))
        #expect(listed.stdout.contains(fingerprint) && listed.stdout.contains("Sales desk 1"), "\(listed)")

        let revoked = InProcess.run(["keys", "revoke", fingerprint], environment: sshd.environment(sandbox))
        #expect(revoked.status == 0, "\(revoked)")
        let after = try String(contentsOfFile: sshd.authorizedKeys, encoding: .utf8)
        #expect(after.contains(own) && !after.contains(keyText), "\(after)")
        let refused = sshd.ssh(key: key.path, ["orders"])
        #expect(refused.status == 255 && refused.stderr.contains("Permission denied"), "a revoked key no longer connects: \(refused)")
        #expect(sandbox.tg("check").status == 0)
    }

    @Test func companiesWorkAnOrderOverSSHAsTheirOwnParties() throws {
        let p = try SSHPlatform()
        let drafted = p.ssh("acme-desk", ["draft", "--json", "-"], stdin: ContractText.valid)
        #expect(drafted.status == 0 && drafted.stdout == "TG-0000001\n", "\(drafted)")
        #expect(p.ssh("acme-desk", ["do", "submit", "TG-0000001"]).status == 0)
        let confirmed = p.ssh("hanse-desk", ["do", "confirm", "TG-0000001"])
        #expect(confirmed.status == 0, "\(confirmed)")
        let paid = p.ssh("hanse-desk", ["do pay TG-0000001 --amount '100.00' --method \"tt\" --key adv-1"])
        #expect(paid.status == 0 && paid.stdout.contains("key adv-1"), "quoted words arrive without their quotes: \(paid)")

        let listed = p.ssh("acme-desk", ["orders", "--format", "json"])
        #expect(listed.status == 0 && listed.stdout.contains("TG-0000001"), "\(listed)")
        let notNova = p.ssh("nova-desk", ["orders", "--format", "json"])
        #expect(notNova.status == 0 && !notNova.stdout.contains("TG-0000001"), "nova sees only its own orders: \(notNova)")

        // The log names the key behind each action, and check replays it clean.
        let store = try Store(path: p.sandbox.db, readOnly: true, create: false)
        defer { store.close() }
        let (_, events) = try store.orderWithEvents(OrderCode(number: 1))
        let confirm = try #require(events.first { $0.event.action == "confirm" })
        #expect(confirm.event.value(Attribution.keyField) == p.keys["hanse-desk"]!.fingerprint)
        #expect(confirm.event.value(Attribution.keyNameField) == "hanse-desk" && confirm.event.actor == "buyer:hanse")
        #expect(p.tg(["check"]).status == 0)
    }

    @Test func aReadOnlyKeyLooksAndChangesNothing() throws {
        let p = try SSHPlatform()
        let code = try p.confirmedOrder(buyer: "hanse")
        let before = try p.eventCount()
        let look = p.ssh("hanse-auditor", ["order", code])
        #expect(look.status == 0 && look.stdout.contains(code), "\(look)")
        let pay = p.ssh("hanse-auditor", ["do", "pay", code, "--amount", "10.00"])
        #expect(pay.status == 1 && pay.stderr.contains("This key is read-only"), "\(pay)")
        #expect(try p.eventCount() == before)
    }

    @Test func aSuspendedPartysKeyMayLookButNotAct() throws {
        let p = try SSHPlatform()
        let drafted = p.ssh("acme-desk", ["draft", "--json", "-"], stdin: ContractText.valid)
        #expect(drafted.status == 0, "\(drafted)")
        #expect(p.tg(["party", "points", "acme", "50"]).status == 0)
        let before = try p.eventCount()
        #expect(p.ssh("acme-desk", ["order", "TG-0000001"]).status == 0)
        let act = p.ssh("acme-desk", ["do", "submit", "TG-0000001"])
        #expect(act.status == 1 && act.stderr.lowercased().contains("suspended"), "\(act)")
        #expect(try p.eventCount() == before)
    }

    @Test func thePlatformsKeyRunsPlatformCommands() throws {
        let p = try SSHPlatform()
        let set = p.ssh("platform-ops", ["party", "points", "acme", "3"])
        #expect(set.status == 0, "\(set)")
        let events = try Store(path: p.sandbox.db, readOnly: true, create: false)
        defer { events.close() }
        let last = try events.db.scalarText("SELECT payload FROM events ORDER BY id DESC LIMIT 1") ?? ""
        #expect(last.contains(p.keys["platform-ops"]!.fingerprint), "\(last)")
    }
}

/// Issue 18 item 3: locally, on a real database, the owning account is the platform; it acts for
/// a party only with a reason, which the event keeps. Demo databases keep `--as` anyone.
@Suite struct OnBehalfTests {
    @Test func onARealDatabaseActingForAPartyNeedsAReason() throws {
        let sandbox = try Sandbox().standardDatabase(kind: .real)
        let bare = sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: ContractText.valid)
        #expect(bare.status == 1 && bare.stderr.contains("On a real database this account is the platform: act for acme with --as acme --on-behalf \"reason\""), "\(bare)")
        #expect(sandbox.tg("orders", "--as", "acme").status == 0, "looking needs no reason")
        #expect(!sandbox.tg("orders", "--format", "json").stdout.contains("TG-"), "nothing was drafted")
        let reasoned = sandbox.tg(["draft", "--as", "acme", "--on-behalf", "supplier's email of 27 Nov", "--json", "-"], stdin: ContractText.valid)
        #expect(reasoned.status == 0, "\(reasoned)")
        let store = try Store(path: sandbox.db, readOnly: true, create: false)
        defer { store.close() }
        let (_, events) = try store.orderWithEvents(OrderCode(number: 1))
        #expect(events.first?.event.value(Attribution.onBehalfField) == "supplier's email of 27 Nov" && events.first?.event.actor == "supplier:acme")
        #expect(sandbox.tg("check").status == 0)
    }

    @Test func aDemoDatabaseKeepsAsAnyone() throws {
        let sandbox = try Sandbox().standardDatabase(kind: .demo)
        let drafted = sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: ContractText.valid)
        #expect(drafted.status == 0, "\(drafted)")
    }
}
