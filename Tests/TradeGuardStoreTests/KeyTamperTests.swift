import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Issue 18 on top of issue 17: someone who can write the file rebinds, un-revokes or invents a
/// key, or renames the key an event names; `check` must name the keys row or the event.
struct KeyTamperTests {
    typealias T = TestStore

    /// acme's desk key (revoked after writing one draft) and hanse's read-only key.
    private func keyed() throws -> (TestStore, desk: String, auditor: String) {
        let t = try TestStore()
        let desk = try SSHPublicKey(parsing: try #require(try generatedKey(in: t.folder, name: "desk")).pub)
        let auditor = try SSHPublicKey(parsing: try #require(try generatedKey(in: t.folder, name: "auditor")).pub)
        try t.store.addKey(desk, for: try Handle("acme"), name: "Sales desk 1", readOnly: false)
        try t.store.addKey(auditor, for: try Handle("hanse"), name: "Auditor", readOnly: true)
        let session = try t.secondConnection()
        session.attribution = .key(fingerprint: desk.fingerprint)
        _ = try session.draft(T.contract(), counterparty: try Handle("hanse"), as: T.supplier)
        session.close()
        t.clock.advance(try ClockStep.parse("1h"))
        try t.store.revokeKey(desk.fingerprint)
        #expect(try t.store.check().faults == [])
        return (t, desk.fingerprint, auditor.fingerprint)
    }

    private func tamper(_ store: Store, _ sql: String) throws {
        try store.db.execute("PRAGMA foreign_keys = OFF")
        try store.db.write { try store.db.execute(sql) }
        try store.db.execute("PRAGMA foreign_keys = ON")
    }

    private func expectFault(_ sql: (String, String) -> String, naming words: [String]) throws {
        let (t, desk, auditor) = try keyed()
        try tamper(t.store, sql(desk, auditor))
        let faults = try t.store.check().faults
        #expect(words.allSatisfy { word in faults.contains { $0.contains(word) } }, "\(faults)")
    }

    @Test func aKeyReboundToAnotherPartyIsNamed() throws {
        try expectFault({ d, _ in "UPDATE keys SET party_id = (SELECT id FROM parties WHERE handle = 'hanse') WHERE fingerprint = '\(d)'" },
                        naming: ["keys row \("")", "party_id is \"hanse\" but the log implies \"acme\""])
    }

    @Test func aReadOnlyKeyMadeWritableIsNamed() throws {
        try expectFault({ _, a in "UPDATE keys SET read_only = 0 WHERE fingerprint = '\(a)'" }, naming: ["read_only is 0 but the log implies 1"])
    }

    @Test func anUnrevokedKeyIsNamed() throws {
        try expectFault({ d, _ in "UPDATE keys SET revoked_at = NULL WHERE fingerprint = '\(d)'" }, naming: ["revoked_at is empty but the log implies"])
    }

    @Test func aSwappedPublicKeyIsNamed() throws {
        try expectFault({ d, a in "UPDATE keys SET public_key = (SELECT public_key FROM keys WHERE fingerprint = '\(a)') WHERE fingerprint = '\(d)'" },
                        naming: ["public_key is"])
    }

    @Test func aKeyWithoutAnEventIsNamed() throws {
        try expectFault({ _, _ in """
            INSERT INTO keys (fingerprint, party_id, name, read_only, public_key, added_at, added_by)
            VALUES ('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 2, 'Backdoor', 0, 'ssh-ed25519 AAAA', 0, 'platform:platform')
            """ }, naming: ["the log has no event that added it"])
    }

    @Test func aDeletedKeyIsNamed() throws {
        try expectFault({ _, a in "DROP TRIGGER keys_kept; DELETE FROM keys WHERE fingerprint = '\(a)'" },
                        naming: ["is missing that the log implies", "trigger keys_kept is missing"])
    }

    @Test func aRenamedKeyIsNamedByTheEventThatUsedIt() throws {
        try expectFault({ d, _ in "UPDATE keys SET name = 'Someone else' WHERE fingerprint = '\(d)'" },
                        naming: ["name is \"Someone else\" but the log implies \"Sales desk 1\"", "names the key"])
    }
}
