import Foundation
import Testing
import TradeGuardCore

/// Issue 21 from the command line: `do dispute --kind --remedy`, `counter`, `agree`,
/// `add-evidence`, each refusal one sentence with nothing written, and `check` clean after.
@Suite struct DisputeCLITests {
    private func run(_ sandbox: Sandbox, _ words: String..., status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) -> CLIHarnessResult {
        let result = sandbox.tg(["do"] + words)
        #expect(result.status == status, "do \(words.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        return CLIHarnessResult(stdout: result.stdout, stderr: result.stderr)
    }

    @Test func aNotShippedClaimNegotiatedToARefund() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try sandbox.submittedOrder().text
        _ = run(sandbox, "confirm", code, "--as", "hanse")
        _ = run(sandbox, "pay", code, "--as", "hanse", "--amount", "400.00", "--key", "adv-1")

        #expect(run(sandbox, "dispute", code, "--as", "hanse", "--kind", "not-shipped", "--reason", "x", status: 2).stderr
                    .contains("dispute takes --kind and --remedy together"))
        #expect(run(sandbox, "dispute", code, "--as", "hanse", "--kind", "not-shipped", "--remedy", "full-refund", "--reason", "x", status: 1).stderr
                    .contains("the day after the shipping deadline"))
        #expect(sandbox.tg("clock", "advance", "21d").status == 0)
        #expect(run(sandbox, "dispute", code, "--as", "hanse", "--kind", "not-shipped", "--remedy", "partial-refund", "--amount", "400.01",
                    "--reason", "x", status: 1).stderr.contains("The refund must be at most what was paid, US$400.00."))
        let opened = run(sandbox, "dispute", code, "--as", "hanse", "--kind", "not-shipped", "--remedy", "full-refund", "--reason", "Nothing shipped")
        #expect(opened.stdout.contains("if the supplier has not answered by") && opened.stdout.contains("the platform decides"), "\(opened.stdout)")
        #expect(run(sandbox, "agree", code, "--as", "hanse", status: 1).stderr.contains("It is the supplier's move"))

        let countered = run(sandbox, "counter", code, "--as", "acme", "--remedy", "partial-refund", "--amount", "100.00", "--note", "Shipping next week")
        #expect(countered.stdout.contains("on the table: Partial refund, keeping the goods: US$100.00 (from the supplier)"), "\(countered.stdout)")
        let json = sandbox.orderJSON(code)
        let negotiation = (json["dispute"] as? [String: Any])?["negotiation"] as? [String: Any]
        #expect(negotiation?["stage"] as? String == "awaiting-buyer" && negotiation?["defaultOutcome"] as? String == "lapse", "\(json)")
        #expect((negotiation?["proposals"] as? [Any])?.count == 2)
        let agreed = run(sandbox, "agree", code, "--as", "hanse")
        #expect(agreed.stdout.contains("dispute agreed; Partial refund, keeping the goods: US$100.00; the supplier refunds by"), "\(agreed.stdout)")
        #expect(agreed.stdout.contains("6 violation points to the supplier; now refunded"), "\(agreed.stdout)")
        #expect((sandbox.orderJSON(code)["disputeOutcome"] as? [String: Any])?["points"] as? Int == 6)
        #expect(run(sandbox, "add-evidence", code, "--as", "hanse", "--description", "Late photos", status: 1).stderr
                    .contains("The dispute is closed (agreed); nothing more can be added to it."))

        // The refund is the supplier's deadline until it records it, with the transfer's reference.
        let refundDue = (sandbox.orderJSON(code)["disputeOutcome"] as? [String: Any])?["refundDue"] as? String
        let waiting = sandbox.tg("orders", "--as", "acme", "--state", "refunded")
        // Due by the end of its last working day: the deadline is the next day's first instant.
        let endOfDue = try CalendarDate.parse(try #require(refundDue)).adding(days: 1).iso + " 00:00 UTC"
        #expect(waiting.stdout.contains("Refund by \(endOfDue)") && waiting.stdout.contains("supplier"), "\(waiting)")
        #expect(run(sandbox, "record-refund", code, "--as", "acme", status: 2).stderr.contains("--reference"))
        #expect(run(sandbox, "record-refund", code, "--as", "hanse", "--reference", "TT-9", status: 1).stderr.contains("supplier"))
        let recorded = run(sandbox, "record-refund", code, "--as", "acme", "--reference", "TT-20261230-9")
        #expect(recorded.stdout.contains(code), "\(recorded.stdout)")
        let paid = (sandbox.orderJSON(code)["disputeOutcome"] as? [String: Any])?["refundPaid"] as? [String: Any]
        #expect(paid?["reference"] as? String == "TT-20261230-9", "\(sandbox.orderJSON(code))")
        #expect(run(sandbox, "record-refund", code, "--as", "acme", "--reference", "TT-again", status: 1).stderr
                    .contains("The refund was already recorded on"))
        sandbox.expectClean()
    }

    @Test func thePlatformSetsABuyersTier() throws {
        let sandbox = try Sandbox().standardDatabase()
        let set = sandbox.tg("party", "tier", "hanse", "enterprise")
        #expect(set.status == 0 && set.stdout.contains("'hanse' is now an enterprise buyer: 60 days of protection"), "\(set)")
        let wrong = sandbox.tg("party", "tier", "acme", "enterprise")
        #expect(wrong.status == 1 && wrong.stderr.contains("Only buyers have a tier; 'acme' is a supplier."), "\(wrong)")
        #expect(sandbox.tg("party", "tier", "hanse", "gold").status == 2)
        sandbox.expectClean()
    }
}

struct CLIHarnessResult {
    let stdout: String
    let stderr: String
}
