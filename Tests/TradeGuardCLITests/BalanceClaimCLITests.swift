import Foundation
import Testing
import TradeGuardCore
import TradeGuardStore

/// The supplier's claim for a balance unpaid after receipt, from the command line: `do
/// claim-balance`, the buyer's answers, the platform's decision, the buyer's violation points
/// (rule 3310: 6 resolved, 48 unresolved), each refusal one sentence with nothing written, and
/// `check` replaying all of it clean.
@Suite struct BalanceClaimCLITests {
    private func run(_ sandbox: Sandbox, _ words: String..., status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) -> CLIHarnessResult {
        let result = sandbox.tg(["do"] + words)
        #expect(result.status == status, "do \(words.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        return CLIHarnessResult(stdout: result.stdout, stderr: result.stderr)
    }

    /// An order whose buyer confirmed receipt and owes the balance (US$850.00 of US$1,250.00).
    private func receivedUnpaid(_ sandbox: Sandbox) throws -> String {
        let code = try sandbox.submittedOrder(balanceDue: .afterShipment)
        let store = try sandbox.openStore()
        defer { store.close() }
        try store.perform(.confirm, on: code, as: Sandbox.buyer)
        try store.perform(.pay(amount: Money(minorUnits: 40_000, currency: .usd), method: .tt, key: try IdempotencyKey("adv")), on: code, as: Sandbox.buyer)
        try store.perform(.startProduction, on: code, as: Sandbox.supplier)
        try store.perform(.logContact(note: "called"), on: code, as: Sandbox.supplier)
        for item in try store.order(code).missingChecklistItems { try store.perform(.tick(item, note: "ok"), on: code, as: Sandbox.supplier) }
        try store.perform(.ready, on: code, as: Sandbox.supplier)
        try store.perform(.ship(carrier: "Maersk", tracking: "MAEU1"), on: code, as: Sandbox.supplier)
        try store.perform(.confirmReceipt, on: code, as: Sandbox.buyer)
        return code.text
    }

    private func buyerPoints(_ sandbox: Sandbox) -> Int? {
        let parties = sandbox.tg("parties", "--format", "json").json as? [[String: Any]]
        return parties?.first { $0["handle"] as? String == "hanse" }?["violationPoints"] as? Int
    }

    @Test func theBuyerAgreesToPayAndThenPays() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try receivedUnpaid(sandbox)
        #expect(run(sandbox, "claim-balance", code, "--as", "hanse", "--reason", "x", status: 1).stderr
                    .contains("Only the supplier can claim the unpaid balance here."))
        #expect(run(sandbox, "claim-balance", code, "--as", "acme", status: 2).stderr.contains("--reason"))
        let opened = run(sandbox, "claim-balance", code, "--as", "acme", "--reason", "Invoice INV-88 unpaid")
        #expect(opened.stdout.contains("on the table: Pay the balance (from the supplier)")
                    && opened.stdout.contains("if the buyer has not answered by") && opened.stdout.contains("the platform decides"), "\(opened.stdout)")
        let negotiation = (sandbox.orderJSON(code)["dispute"] as? [String: Any])?["negotiation"] as? [String: Any]
        #expect(negotiation?["kind"] as? String == "balance-unpaid" && negotiation?["waitingOn"] as? String == "buyer", "\(String(describing: negotiation))")

        // The buyer's-claim moves and paying first are refused, each with its sentence; nothing is written.
        #expect(run(sandbox, "counter", code, "--as", "acme", "--remedy", "full-refund", "--note", "n", status: 1).stderr
                    .contains("Counter-propose is for the buyer's claims"))
        #expect(run(sandbox, "pay", code, "--as", "hanse", "--amount", "850.00", "--key", "bal", status: 1).stderr
                    .contains("The supplier's claim for the balance is open: agree to it (then pay the balance), or escalate it to the platform."))
        #expect(run(sandbox, "withdraw", code, "--as", "hanse", "--reason", "r", status: 1).stderr
                    .contains("Only the supplier, who made the claim, can withdraw it."))

        let agreed = run(sandbox, "agree", code, "--as", "hanse")
        #expect(agreed.stdout.contains("dispute agreed; Pay the balance; 6 violation points to the buyer; now completed"), "\(agreed.stdout)")
        #expect(buyerPoints(sandbox) == 6)
        // The limit of the supplier is untouched by the buyer's points; the balance is payable again.
        let paid = run(sandbox, "pay", code, "--as", "hanse", "--amount", "850.00", "--key", "bal")
        #expect(paid.stdout.contains("US$0.00 of it outstanding"), "\(paid.stdout)")
        #expect(run(sandbox, "claim-balance", code, "--as", "acme", "--reason", "again", status: 1).stderr.contains("owes no balance"))
        sandbox.expectClean()
    }

    @Test func silenceLeavesItToThePlatformWhichDecidesAgainstTheBuyer() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try receivedUnpaid(sandbox)
        _ = run(sandbox, "claim-balance", code, "--as", "acme", "--reason", "Invoice INV-88 unpaid")
        #expect(sandbox.tg("clock", "advance", "6d").status == 0)
        #expect(sandbox.tg("sweep").status == 0)
        let negotiation = (sandbox.orderJSON(code)["dispute"] as? [String: Any])?["negotiation"] as? [String: Any]
        #expect(negotiation?["stage"] as? String == "escalated", "\(sandbox.orderJSON(code))")
        #expect(run(sandbox, "decide", code, "--as", "platform", "--remedy", "full-refund", "--reasoning", "r", status: 1).stderr
                    .contains("A 'balance-unpaid' claim is decided as pay-balance or none, not full-refund."))
        #expect(run(sandbox, "resolve", code, "--as", "platform", "--refund", "850.00", status: 1).stderr
                    .contains("The platform decides the supplier's balance claim once it is escalated"))
        let decided = run(sandbox, "decide", code, "--as", "platform", "--remedy", "pay-balance", "--reasoning", "Delivery note signed in full")
        #expect(decided.stdout.contains("dispute decided; Pay the balance; 48 violation points to the buyer; now completed"), "\(decided.stdout)")
        #expect(buyerPoints(sandbox) == 48)
        sandbox.expectClean()
    }
}
