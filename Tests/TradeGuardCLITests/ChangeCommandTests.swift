import Foundation
import Testing
import TradeGuardStore

/// `do propose-change`, `accept-change`, `reject-change` (issue 21): options from the catalogue,
/// bad input one sentence with nothing written.
@Suite struct ChangeCommandTests {
    private func run(_ sandbox: Sandbox, _ words: String...) -> (status: Int32, out: String, err: String) {
        let result = sandbox.tg(["do"] + words)
        return (result.status, result.stdout, result.stderr)
    }

    @Test func aChangeIsProposedAnsweredAndRefusedByTheRules() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: ContractText.valid).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(run(sandbox, "submit", code, "--as", "acme").status == 0)
        #expect(run(sandbox, "confirm", code, "--as", "hanse").status == 0)

        // Before payment: the supplier's price; the buyer may not.
        var r = run(sandbox, "propose-change", code, "--as", "hanse", "--price", "1:11.50", "--reason", "cheaper")
        #expect(r.status == 1 && r.err.contains("Before payment only the supplier may change the price; ask the supplier for it."), "\(r)")
        r = run(sandbox, "propose-change", code, "--as", "acme", "--reason", "nothing")
        #expect(r.status == 2 && r.err.contains("Say what changes: a unit price, the freight, the delivery address or the route."), "\(r)")
        r = run(sandbox, "propose-change", code, "--as", "acme", "--price", "7:1.00", "--reason", "x")
        #expect(r.status == 1 && r.err.contains("The contract has no line 7; it has 2 lines."), "\(r)")
        r = run(sandbox, "propose-change", code, "--as", "acme", "--price", "1:11.50", "--reason", "Volume discount")
        #expect(r.status == 0 && r.out.contains("change 1 proposed to the buyer: Line 1 unit price: US$12.50 → US$11.50"), "\(r)")
        r = run(sandbox, "accept-change", code, "--as", "acme")
        #expect(r.status == 1 && r.err.contains("You proposed this change; only the other party can accept or reject it."), "\(r)")
        let events = sandbox.orderJSON(code)["version"] as? Int
        r = run(sandbox, "accept-change", code, "--as", "hanse")
        #expect(r.status == 0 && r.out.contains("change accepted; contract version 2, total US$1,244.97"), "\(r)")
        #expect(sandbox.orderJSON(code)["version"] as? Int == (events ?? 0) + 1)
        r = run(sandbox, "accept-change", code, "--as", "hanse", "--number", "1")
        #expect(r.status == 1 && r.err.contains("Change proposal 1 was already accepted."), "\(r)")
        r = run(sandbox, "reject-change", code, "--as", "hanse", "--reason", "late")
        #expect(r.status == 1 && r.err.contains("No change proposal is waiting for an answer on this order."), "\(r)")
        let json = sandbox.orderJSON(code)
        #expect(json["contractVersion"] as? Int == 2 && json["guaranteedDate"] as? Bool == false)
        #expect((json["amendments"] as? [[String: Any]])?.first?["status"] as? String == "accepted")
        #expect(sandbox.tg(["check"]).status == 0)
    }
}
