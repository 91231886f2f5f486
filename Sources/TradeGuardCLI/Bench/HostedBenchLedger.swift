import Foundation
import TradeGuardCore
import TradeGuardStore

/// After the run: what the payers saw acknowledged against what the database holds. An action
/// is lost when its key was acknowledged but no payment carries it; doubled when a key is paid
/// or audited as a payment more than once, or a payment is not the cent that was asked.
struct HostedBenchLedger {
    var acknowledged = 0
    var recorded = 0
    var payEvents = 0
    var replayEvents = 0
    var lost: [String] = []
    var doubled: [String] = []
    /// Payments whose answer never reached the client (it gave up after retries): not lost, not doubled.
    var unacknowledgedCommits: [String] = []

    var isExact: Bool { lost.isEmpty && doubled.isEmpty }

    static func compare(database: String, payers: [(desk: HostedBenchPlatform.Desk, tally: HostedPayer.Tally)]) throws -> HostedBenchLedger {
        let store = try Store(path: database, readOnly: true, create: false)
        defer { store.close() }
        var ledger = HostedBenchLedger()
        let cent = Money(minorUnits: 1, currency: BenchActions.contract().currency)
        for (desk, tally) in payers {
            guard let code = desk.order else { continue }
            let order = try store.order(code)
            let events = try store.events(of: code)
            let paid = order.payments.map(\.key.value)
            let audited = events.filter { $0.event.action == OrderAction.pay.rawValue }.compactMap { $0.event.payload.first { $0.key == "key" }?.value }
            let acknowledged = Set(tally.acknowledged)
            ledger.acknowledged += acknowledged.count
            ledger.recorded += paid.count
            ledger.payEvents += audited.count
            ledger.replayEvents += events.filter { $0.event.action == Workflow.replayAction }.count
            ledger.lost += acknowledged.subtracting(paid).sorted()
            ledger.doubled += duplicates(paid) + duplicates(audited).map { "\($0) (audited twice)" }
            ledger.doubled += order.payments.filter { $0.amount != cent }.map { "\($0.key.value) (paid \(MoneyFormat.decimal($0.amount)))" }
            ledger.doubled += Set(paid).symmetricDifference(audited).sorted().map { "\($0) (payment and audit disagree)" }
            ledger.unacknowledgedCommits += Set(paid).subtracting(acknowledged).sorted()
        }
        return ledger
    }

    private static func duplicates(_ keys: [String]) -> [String] {
        var seen: Set<String> = [], twice: Set<String> = []
        for key in keys where !seen.insert(key).inserted { twice.insert(key) }
        return twice.sorted()
    }
}
