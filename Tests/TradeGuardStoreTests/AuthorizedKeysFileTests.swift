import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore

/// Issue 18: the managed block of authorized_keys — rewritten whole and atomically, other keys
/// kept as they are.
struct AuthorizedKeysFileTests {
    private func key(_ fingerprint: String, revoked: Bool = false) throws -> KeyRecord {
        KeyRecord(fingerprint: fingerprint, party: try Handle("acme"), partyKind: .supplier, name: "Desk", readOnly: false,
                  publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
                  addedAt: Instant(secondsSinceEpoch: 0), addedBy: "platform:platform", revokedAt: revoked ? Instant(secondsSinceEpoch: 1) : nil)
    }

    @Test func theBlockIsReplacedAndEverythingElseKept() {
        let before = "# mine\nssh-ed25519 AAAA admin\n\(AuthorizedKeysFile.beginMarker)\nold line\n\(AuthorizedKeysFile.endMarker)\nssh-rsa BBBB backup\n"
        let after = AuthorizedKeysFile.render(existing: before, lines: ["new line"])
        #expect(after == "# mine\nssh-ed25519 AAAA admin\n\(AuthorizedKeysFile.beginMarker)\nnew line\n\(AuthorizedKeysFile.endMarker)\nssh-rsa BBBB backup\n")
        #expect(AuthorizedKeysFile.render(existing: after, lines: ["new line"]) == after, "rewriting the same keys changes nothing")
        #expect(AuthorizedKeysFile.render(existing: "", lines: []) == "\(AuthorizedKeysFile.beginMarker)\n\(AuthorizedKeysFile.endMarker)\n")
        #expect(AuthorizedKeysFile.render(existing: "ssh-rsa CCCC no newline", lines: ["x"])
                == "ssh-rsa CCCC no newline\n\(AuthorizedKeysFile.beginMarker)\nx\n\(AuthorizedKeysFile.endMarker)\n")
    }

    @Test func theFileIsPrivateHoldsLiveKeysOnlyAndLeavesNoTemporaryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tg-ak-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/ssh/authorized_keys"   // the folder (~/.ssh) is made, 0700, when missing
        let live = "SHA256:" + String(repeating: "A", count: 43), gone = "SHA256:" + String(repeating: "B", count: 43)
        try AuthorizedKeysFile.write(path: path, keys: [try key(live), try key(gone, revoked: true)], binary: "/usr/local/bin/tradeguard")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("command=\"/usr/local/bin/tradeguard session --key \(live)\",restrict,pty ssh-ed25519 AAAA") && !text.contains(gone))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder + "/ssh").filter { $0.contains("tradeguard-") && !$0.hasSuffix("-lock") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test(arguments: ["tradeguard", "/opt/trade guard/bin", "/usr/bin/tg\" ,no-restrict"])
    func aBinaryThatCannotSitInsideTheCommandIsRefused(binary: String) throws {
        #expect(throws: StoreError.self) { try AuthorizedKeysFile.write(path: "/nonexistent/x", keys: [], binary: binary) }
    }
}
