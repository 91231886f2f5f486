import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// A fresh key pair made by OpenSSH's own `ssh-keygen` in `folder`; nil when it is not installed.
func generatedKey(in folder: URL, name: String = "id", type: String = "ed25519") throws -> (pub: String, path: String)? {
    let keygen = ["/usr/bin/ssh-keygen", "/bin/ssh-keygen"].first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let keygen else { return nil }
    let path = folder.appendingPathComponent(name).path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: keygen)
    process.arguments = ["-q", "-t", type, "-N", "", "-C", "test@\(name)", "-f", path] + (type == "rsa" ? ["-b", "2048"] : [])
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return (try String(contentsOfFile: path + ".pub", encoding: .utf8), path)
}

/// `ssh-keygen -lf FILE`'s fingerprint (the second word of its line).
func opensshFingerprint(_ pubPath: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
    process.arguments = ["-lf", pubPath]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return out.split(separator: " ").dropFirst().first.map(String.init) ?? ""
}

/// Issue 18: keys bound to parties, added and revoked through the write gate, and every event a
/// key's session writes naming it.
struct KeyTests {
    typealias T = TestStore

    private func eventCount(_ t: TestStore) throws -> Int64 { try t.store.db.scalarInt("SELECT count(*) FROM events") ?? 0 }

    private func key(_ t: TestStore, _ name: String = "id") throws -> SSHPublicKey {
        let made = try #require(try generatedKey(in: t.folder, name: name), "ssh-keygen is not installed")
        return try SSHPublicKey(parsing: made.pub)
    }

    @Test(arguments: ["ed25519", "rsa", "ecdsa"])
    func theFingerprintIsOpenSSHs(type: String) throws {
        let t = try TestStore(parties: false)
        let made = try #require(try generatedKey(in: t.folder, name: type, type: type), "ssh-keygen is not installed")
        let key = try SSHPublicKey(parsing: made.pub)
        #expect(key.fingerprint == (try opensshFingerprint(made.path + ".pub")))
        #expect(SSHPublicKey.isFingerprint(key.fingerprint))
        #expect(!key.keyText.contains("test@"), "the comment is not kept")
    }

    @Test(arguments: [
        ("command=\"sh\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", "not an OpenSSH public key"),
        ("ssh-ed25519 AAAA$(rm -rf /)", "not valid base64"),
        ("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", "does not match its type ssh-rsa"),
        ("", "No public key was given"),
    ])
    func aBadKeyIsRefusedWithOneSentence(text: String, says: String) {
        #expect(throws: StoreError.self) { try SSHPublicKey(parsing: text) }
        do { _ = try SSHPublicKey(parsing: text) } catch { #expect("\(error)".contains(says), "\(error)") }
    }

    @Test func addingAndRevokingAreAuditedAndReplayed() throws {
        let t = try TestStore()
        let key = try key(t)
        let added = try t.store.addKey(key, for: try Handle("acme"), name: "Sales desk 1", readOnly: false)
        #expect(added.party.value == "acme" && !added.readOnly && added.addedBy == "platform:platform")
        let event = try #require(try t.store.db.query("SELECT action, payload FROM events ORDER BY id DESC LIMIT 1") { ($0.text(0), $0.text(1)) }.first)
        #expect(event.0 == "key.add" && event.1.contains(key.fingerprint) && event.1.contains("Sales desk 1"))
        #expect(try t.store.check().faults == [])
        let revoked = try t.store.revokeKey(key.fingerprint)
        #expect(revoked.isRevoked)
        #expect(try t.store.keys().map(\.fingerprint) == [key.fingerprint])
        #expect(try t.store.check().faults == [])
    }

    @Test func onlyThePlatformAddsKeysAndAKeyBelongsToOneParty() throws {
        let t = try TestStore()
        let key = try key(t)
        let before = try eventCount(t)
        #expect(throws: StoreError.invalid("Only the platform can do that.")) {
            try t.store.addKey(key, for: try Handle("acme"), name: "Mine", readOnly: false, as: T.supplier)
        }
        try t.store.addKey(key, for: try Handle("acme"), name: "Desk", readOnly: false)
        #expect(throws: StoreError.self) { try t.store.addKey(key, for: try Handle("hanse"), name: "Theirs", readOnly: false) }
        #expect(try eventCount(t) == before + 1)
    }

    @Test func aSessionsEventsNameItsKeyAndCheckAgrees() throws {
        let t = try TestStore()
        let key = try key(t)
        try t.store.addKey(key, for: try Handle("acme"), name: "Sales desk 1", readOnly: false)
        t.store.attribution = .key(fingerprint: key.fingerprint)
        let order = try t.store.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        let (_, events) = try t.store.orderWithEvents(order.code)
        #expect(events.last?.event.value(Attribution.keyField) == key.fingerprint)
        #expect(events.last?.event.value(Attribution.keyNameField) == "Sales desk 1")
        #expect(try t.store.check().faults == [])
    }

    @Test func aKeyActsForItsPartyOnly() throws {
        let t = try TestStore()
        let key = try key(t)
        try t.store.addKey(key, for: try Handle("acme"), name: "Desk", readOnly: false)
        let order = try t.store.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        _ = try t.store.perform(.submit, on: order.code, as: T.supplier)
        let before = try eventCount(t)
        t.store.attribution = .key(fingerprint: key.fingerprint)
        #expect(throws: StoreError.invalid("This key acts for acme only; nothing was saved.")) {
            try t.store.perform(.confirm, on: order.code, as: T.buyer)
        }
        #expect(try eventCount(t) == before)
    }

    @Test func aReadOnlyKeyChangesNothing() throws {
        let t = try TestStore()
        let key = try key(t)
        try t.store.addKey(key, for: try Handle("acme"), name: "Auditor", readOnly: true)
        let before = try eventCount(t)
        t.store.attribution = .key(fingerprint: key.fingerprint)
        #expect(throws: StoreError.invalid(Attribution.readOnlySentence)) {
            try t.store.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        }
        #expect(try eventCount(t) == before)
    }

    @Test func aKeyRevokedByAnotherProcessWritesNothingMore() throws {
        let t = try TestStore()
        let key = try key(t)
        try t.store.addKey(key, for: try Handle("acme"), name: "Desk", readOnly: false)
        let session = try t.secondConnection()
        session.attribution = .key(fingerprint: key.fingerprint)
        _ = try session.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        try t.store.revokeKey(key.fingerprint)
        let before = try eventCount(t)
        #expect(throws: StoreError.invalid(Attribution.revokedSentence(key.fingerprint))) {
            try session.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        }
        #expect(try eventCount(t) == before)
        session.close()
    }

    @Test func thePlatformOnBehalfOfAPartyIsRecordedWithItsReason() throws {
        let t = try TestStore()
        t.store.attribution = .onBehalf(reason: "buyer's phone order 2026-11-27")
        let order = try t.store.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        let (_, events) = try t.store.orderWithEvents(order.code)
        #expect(events.last?.event.value(Attribution.onBehalfField) == "buyer's phone order 2026-11-27")
        #expect(try t.store.check().faults == [])
    }
}
