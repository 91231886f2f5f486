import Foundation
import Testing
import TradeGuardCore
import TradeGuardStore
#if canImport(Glibc)
import Glibc
#endif

/// 2, 4 and 8 OS processes at a time doing random workflow actions on one database file
/// (reliability matrix L1): every action each process was told succeeded is in the audit trail
/// at the version it was told, versions count the events exactly, `check` stays clean, and a
/// busy database (if the 5-second timeout is ever reached) is reported as retryable.
///
/// `swift test` soaks 2 seconds per process count; TRADEGUARD_SOAK_SECONDS=30 for the long run.
@Suite struct SoakTests {
    static let seconds = Double(ProcessInfo.processInfo.environment["TRADEGUARD_SOAK_SECONDS"] ?? "") ?? 2

    /// One acknowledged action: the process exited 0 and said "(version N)".
    struct Ack: Hashable { let code: String; let version: Int; let action: String }

    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        var acks: [Ack] = []
        var attempted = 0, refused = 0, busy = 0
        var problems: [String] = []
        var codes: [String] = []
        var drafted = 0
        func add(_ body: (Tally) -> Void) { lock.lock(); body(self); lock.unlock() }
    }

    /// The action a worker tries on an order in `state`, with the party that may take it.
    static func choose(_ order: [String: Any], using rng: inout SystemRandomNumberGenerator) -> [String]? {
        let code = order["code"] as? String ?? ""
        let terms = order["terms"] as? [String: [String: Any]] ?? [:]
        func outstanding(_ term: String) -> String? {
            guard let text = terms[term]?["outstanding"] as? String, text != "0.00" else { return nil }
            return text
        }
        let key = "soak-\(UInt64.random(in: 0...UInt64.max, using: &rng))"
        let item = ChecklistItem.allCases.randomElement(using: &rng)!.rawValue
        var choices: [[String]]
        switch order["state"] as? String ?? "" {
        case "draft": choices = [["submit", code, "--as", "acme"]]
        case "awaitingConfirmation":
            choices = [["confirm", code, "--as", "hanse"], ["confirm", code, "--as", "hanse"],
                       ["request-changes", code, "--as", "hanse", "--reason", "Please check the quantity"]]
        case "awaitingPayment":
            choices = [["cancel", code, "--as", "acme", "--reason", "Soak test"]]
            if let due = outstanding("advance") { choices += Array(repeating: ["pay", code, "--as", "hanse", "--amount", due, "--key", key], count: 3) }
        case "advancePaid":
            choices = [["start-production", code, "--as", "acme"]]
            if let due = outstanding("balance") { choices.append(["pay", code, "--as", "hanse", "--amount", due, "--key", key]) }
        case "inProduction":
            choices = [["log-contact", code, "--as", "acme", "--note", "Called the buyer"],
                       ["tick", code, item, "--as", "acme", "--note", "checked"], ["tick", code, item, "--as", "acme", "--note", "checked"],
                       ["ready", code, "--as", "acme"]]
            if let due = outstanding("balance") { choices.append(["pay", code, "--as", "hanse", "--amount", due, "--key", key]) }
        case "readyToShip": choices = [["ship", code, "--as", "acme", "--carrier", "DHL", "--tracking", "JD\(Int.random(in: 1000...9999, using: &rng))"]]
        case "shipped": choices = [["confirm-receipt", code, "--as", "hanse"], ["extend-receipt", code, "--as", "hanse"]]
        default: return nil
        }
        return choices.randomElement(using: &rng)
    }

    /// One worker: load a random order, take an action chosen from its state at the version
    /// seen, until the time is up. Separate processes for every step.
    static func work(_ sandbox: Sandbox, until deadline: Double, tally: Tally) {
        var rng = SystemRandomNumberGenerator()
        while Clock.now() < deadline {
            var code = ""
            tally.add { code = $0.codes.randomElement(using: &rng)! }
            let shown = sandbox.spawned(["order", code, "--format", "json"])
            guard shown.status == 0, let order = shown.json as? [String: Any], let version = order["version"] as? Int else {
                tally.add { $0.problems.append("order \(code): \(shown)") }
                continue
            }
            guard let words = choose(order, using: &rng) else {
                // The order has ended: a new draft takes its place in the pool.
                let drafted = sandbox.spawned(["draft", "--as", "acme", "--json", "-"], stdin: ContractText.valid)
                tally.add { t in
                    guard drafted.status == 0, let new = drafted.lines.first else { return t.problems.append("draft: \(drafted)") }
                    t.attempted += 1
                    t.drafted += 1
                    t.acks.append(Ack(code: new, version: 1, action: "draft"))
                    if let index = t.codes.firstIndex(of: code) { t.codes[index] = new }
                }
                continue
            }
            let result = sandbox.spawned(["do"] + words + ["--if-version", String(version)])
            tally.add { t in
                t.attempted += 1
                switch result.status {
                case 0:
                    guard let match = result.stdout.firstMatch(of: #/\(version (\d+)\)/#), let after = Int(match.1) else {
                        t.problems.append("no version in \(result)")
                        return
                    }
                    t.acks.append(Ack(code: code, version: after, action: words[0]))
                case 1 where result.stderr.contains("busy"):
                    t.busy += 1
                    if !result.stderr.contains("nothing was saved — try again") { t.problems.append("busy without retry advice: \(result)") }
                    if words[0] == "pay" && !result.stderr.contains("--key") { t.problems.append("busy payment without its key: \(result)") }
                case 1 where result.stderr.split(separator: "\n").count == 1 && !result.stderr.contains("Database error"):
                    t.refused += 1
                default:
                    t.problems.append("\(words.joined(separator: " ")): \(result)")
                }
            }
        }
    }

    @Test(arguments: [2, 4, 8])
    func processesDoingRandomActionsLoseNothing(_ processes: Int) throws {
        let sandbox = try Sandbox().standardDatabase()
        // More orders than processes, so some collide on one order and some do not.
        let codes = try (0..<(processes * 2)).map { n in
            try sandbox.submittedOrder(quantity: Int64(10 + n), priceCents: 1_000, advanceCents: 3_000).text
        }
        let tally = Tally()
        tally.codes = codes
        let deadline = Clock.now() + Self.seconds
        let done = DispatchGroup()
        for _ in 0..<processes {
            done.enter()
            let thread = Thread { Self.work(sandbox, until: deadline, tally: tally); done.leave() }
            thread.start()
        }
        done.wait()

        #expect(tally.problems.isEmpty, "\(tally.problems.prefix(5))")
        #expect(tally.acks.count > 0, "nothing was done in \(Self.seconds) s")
        #expect(Set(tally.acks).count == tally.acks.count, "two acknowledgements for one version")
        var lost: [Ack] = []
        for code in Set(codes + tally.acks.map(\.code)) {
            let order = sandbox.orderJSON(code)
            let events = (order["events"] as? [[String: Any]] ?? []).filter { $0["action"] as? String != Workflow.replayAction }
            // Every version is one event: no write without its audit row, none lost.
            #expect(order["version"] as? Int == events.count, "\(code): version \(order["version"] ?? "?") for \(events.count) events")
            for ack in tally.acks where ack.code == code {
                let event = events.indices.contains(ack.version - 1) ? events[ack.version - 1] : [:]
                if event["action"] as? String != ack.action { lost.append(ack) }
            }
        }
        #expect(lost.isEmpty, "acknowledged but not in the audit trail at its version: \(lost.prefix(5))")
        sandbox.expectClean("after the soak with \(processes) processes")
        print("soak \(processes) processes × \(Self.seconds) s: \(tally.attempted) actions, \(tally.acks.count) acknowledged, "
              + "\(tally.refused) refused (stale or not allowed now), \(tally.busy) busy, \(tally.drafted) new drafts, lost \(lost.count), check clean")
    }
}
