import Foundation
import TradeGuardCore
import TradeGuardStore

/// The platform `bench --hosted` measures: a real database in a scratch folder (four suppliers,
/// four buyers, orders between them), a private sshd serving it, and one key per client, added
/// by the real `keys add` as a platform operator would (every desk has its own key).
final class HostedBenchPlatform: @unchecked Sendable {
    /// A client's key and what it works on.
    struct Desk {
        let name: String
        let keyPath: String
        let party: Handle
        /// The payer's own confirmed order (it pays the advance cent by cent); nil for a screen.
        let order: OrderCode?
    }

    static let pairs = 4
    /// Orders each supplier-buyer pair has besides the payers', so every screen has queues to move through.
    static let backgroundOrdersPerPair = 40

    let folder: String
    let database: String
    let sshd: PrivateSSHD
    private(set) var payers: [Desk] = []
    private(set) var screens: [Desk] = []

    init(folder: String, binary: String, payers payerCount: Int, screens screenCount: Int, lifetimeSeconds: Int,
         say: (String) -> Void) throws {
        self.folder = folder
        database = folder + "/platform.sqlite"
        say("bench --hosted: making the platform's database (\(Self.pairs) suppliers, \(Self.pairs) buyers) …")
        let payerOrders = try Self.makeDatabase(database, payerOrders: payerCount)
        sshd = try PrivateSSHD(folder: folder, database: database, binary: binary, acceptEnvironment: [SessionBenchReport.variable],
                               lifetimeSeconds: lifetimeSeconds)
        say("bench --hosted: sshd listens on 127.0.0.1:\(sshd.port); adding \(payerCount + screenCount) keys …")
        for index in 0..<payerCount {
            let pair = index % Self.pairs
            payers.append(try addDesk("payer-\(index + 1)", party: Self.buyer(pair), order: payerOrders[index]))
        }
        for index in 0..<screenCount {
            // Alternately a supplier's and a buyer's screen, spread over the pairs.
            let pair = (index / 2) % Self.pairs
            screens.append(try addDesk("screen-\(index + 1)", party: index % 2 == 0 ? Self.supplier(pair) : Self.buyer(pair), order: nil))
        }
    }

    static func supplier(_ pair: Int) -> Handle { try! Handle("bench-supplier-\(pair + 1)") }
    static func buyer(_ pair: Int) -> Handle { try! Handle("bench-buyer-\(pair + 1)") }

    /// A key pair, recorded for `party` through `tradeguard keys add` (which writes authorized_keys).
    private func addDesk(_ name: String, party: Handle, order: OrderCode?) throws -> Desk {
        let key = try sshd.clientKey(name)
        let output = CapturedOutput(), errors = CapturedOutput()
        let status = Program.run(arguments: ["keys", "add", party.value, "--name", name, "--file", key.path + ".pub"],
                                 stdin: GivenInput(""), stdout: output, stderr: errors,
                                 environment: ["TRADEGUARD_PLATFORM_CONFIG": sshd.platformConfig, "HOME": folder, "PATH": "/usr/bin:/bin"])
        guard status == 0 else { throw BenchError("keys add \(party) failed: \(errors.text)") }
        return Desk(name: name, keyPath: key.path, party: party, order: order)
    }

    /// The database, made in-process: parties, activated suppliers, background orders in several
    /// states, and one confirmed order per payer (awaiting its advance). Returns the payers' orders.
    private static func makeDatabase(_ path: String, payerOrders: Int) throws -> [OrderCode] {
        let store = try Store(path: path)
        defer { store.close() }
        try store.initialise(kind: .real, at: SystemTimeSource().now())
        let since = try CalendarDate.parse("2019-03-01")
        for pair in 0..<pairs {
            try store.addParty(Party(handle: supplier(pair), kind: .supplier, name: "Bench Supplier \(pair + 1) Co., Ltd.", country: "CN",
                                     email: "sales\(pair + 1)@supplier.example", verification: .onsite, memberSince: since))
            try store.addParty(Party(handle: buyer(pair), kind: .buyer, name: "Bench Buyer \(pair + 1) GmbH", country: "DE",
                                     email: "buying\(pair + 1)@buyer.example", memberSince: since))
            _ = try store.activate(supplier(pair), as: .party(supplier(pair), .supplier))
        }
        for pair in 0..<pairs {
            let seller = Actor.party(supplier(pair), .supplier), buyer = Actor.party(Self.buyer(pair), .buyer)
            for index in 0..<backgroundOrdersPerPair {
                let order = try store.draft(BenchActions.contract(), counterparty: Self.buyer(pair), as: seller)
                if index % 4 == 0 { continue }                       // a draft
                try store.perform(.submit, on: order.code, as: seller)
                if index % 4 == 1 { continue }                       // awaiting the buyer's confirmation
                try store.perform(.confirm, on: order.code, as: buyer)
            }
        }
        var orders: [OrderCode] = []
        for index in 0..<payerOrders {
            let pair = index % pairs
            let seller = Actor.party(supplier(pair), .supplier)
            let order = try store.draft(BenchActions.contract(), counterparty: buyer(pair), as: seller)
            try store.perform(.submit, on: order.code, as: seller)
            try store.perform(.confirm, on: order.code, as: .party(buyer(pair), .buyer))
            orders.append(order.code)
        }
        return orders
    }
}
