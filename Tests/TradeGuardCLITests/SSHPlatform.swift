import Foundation
import Testing
import TradeGuardCLI
import TradeGuardCore
@testable import TradeGuardStore

/// A hosted platform for one test: a real database (acme, brightco, hanse, nova), a private sshd,
/// and keys added through `tradeguard keys add`: acme's desk, hanse's desk, hanse's read-only
/// auditor, nova's desk and the platform's own key.
final class SSHPlatform: @unchecked Sendable {
    let sandbox: Sandbox
    let sshd: PrivateSSHD
    private(set) var keys: [String: (path: String, fingerprint: String)] = [:]

    init(keys wanted: [(name: String, party: String, readOnly: Bool)] = SSHPlatform.standardKeys) throws {
        sandbox = try Sandbox().standardDatabase(kind: .real)
        sshd = try PrivateSSHD(sandbox)
        for (name, party, readOnly) in wanted {
            let made = try sshd.clientKey(name)
            let added = tg(["keys", "add", party, "--name", name] + (readOnly ? ["--readonly"] : []) + ["--file", made.path + ".pub"])
            guard added.status == 0, let fingerprint = added.stdout.split(separator: " ").dropFirst().first.map(String.init) else {
                throw SSHDFailure(message: "keys add failed: \(added)")
            }
            keys[name] = (made.path, fingerprint)
        }
    }

    static let standardKeys: [(name: String, party: String, readOnly: Bool)] = [
        ("acme-desk", "acme", false), ("hanse-desk", "hanse", false), ("hanse-auditor", "hanse", true),
        ("nova-desk", "nova", false), ("platform-ops", "platform", false),
    ]

    /// `tradeguard ARGS --db DB` in-process as the platform's own account (with its config).
    @discardableResult
    func tg(_ arguments: [String], stdin: String? = nil) -> RunResult {
        InProcess.run(arguments + ["--db", sandbox.db], stdin: stdin, environment: sshd.environment(sandbox))
    }

    /// `ssh … USER@127.0.0.1 COMMAND` with key `name`.
    func ssh(_ name: String, _ command: [String], extra: [String] = [], stdin: String? = nil) -> RunResult {
        sshd.ssh(key: keys[name]!.path, command, extra: extra, stdin: stdin)
    }

    func eventCount() throws -> Int64 {
        let store = try Store(path: sandbox.db, readOnly: true, create: false)
        defer { store.close() }
        return try store.db.scalarInt("SELECT count(*) FROM events") ?? 0
    }

    /// An order acme drafted with `buyer`, submitted and confirmed in-process (as the platform's
    /// tools would): its code.
    func confirmedOrder(buyer: String) throws -> String {
        let store = try Store(path: sandbox.db, create: false)
        defer { store.close() }
        let contract = try ContractJSONFixture.contract()
        let order = try store.draft(contract, counterparty: try Handle(buyer), as: Sandbox.supplier)
        _ = try store.perform(.submit, on: order.code, as: Sandbox.supplier)
        _ = try store.perform(.confirm, on: order.code, as: .party(try Handle(buyer), .buyer))
        return order.code.text
    }
}

/// The fixtures' contract, parsed the way `draft --json` does, for orders made in-process.
enum ContractJSONFixture {
    static func contract() throws -> Contract {
        let sandbox = try Sandbox().standardDatabase()
        let made = sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: ContractText.valid)
        guard made.status == 0 else { throw SSHDFailure(message: "fixture draft failed: \(made)") }
        let store = try Store(path: sandbox.db, readOnly: true, create: false)
        defer { store.close() }
        return try store.order(OrderCode(number: 1)).contract
    }
}
