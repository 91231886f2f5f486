import Foundation
import Testing
import TradeGuardCore
import TradeGuardStore

/// Two people editing one draft from the command line (reliability matrix L3): the second save
/// is refused with the terms that now differ, nothing is written by it, and it succeeds only
/// when it names the version it has now seen.
@Suite struct DraftConflictTests {
    @Test func theSecondSaveOfADraftIsRefusedWithWhatChanged() throws {
        let sandbox = try Sandbox().standardDatabase()
        let created = sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: ContractText.valid)
        #expect(created.status == 0, "\(created)")
        let code = try #require(created.lines.first)
        #expect(sandbox.orderJSON(code)["version"] as? Int == 1)

        // Both start from version 1. The first saves new remarks…
        let first = ContractText.with("Mark each carton.", "Mark each carton in red.")
        let saved = sandbox.tg(["draft", code, "--if-version", "1", "--as", "acme", "--json", "-"], stdin: first)
        #expect(saved.status == 0 && saved.stdout == "\(code): draft saved, total US$1,344.97; now draft (version 2).\n", "\(saved)")

        // …the second, a new advance on the text they loaded: refused, nothing written.
        let second = ContractText.with("\"advance\": \"400.00\"", "\"advance\": \"500.00\"")
        let bytes = (sandbox.bytes(sandbox.db), sandbox.bytes(sandbox.db + "-wal"))
        let refused = sandbox.tg(["draft", code, "--if-version", "1", "--as", "acme", "--json", "-"], stdin: second)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr == "tradeguard draft: Draft \(code) was saved by someone else since version 1 (supplier:acme edit) and nothing was "
                + "overwritten: its advance and remarks now differ from yours; read it with 'tradeguard order \(code)' and save again with --if-version 2.\n",
                "\(refused)")
        #expect(sandbox.bytes(sandbox.db) == bytes.0 && sandbox.bytes(sandbox.db + "-wal") == bytes.1, "the refused save wrote to the database")
        var order = sandbox.orderJSON(code)
        #expect(order["version"] as? Int == 2)
        #expect((order["remarks"] as? String)?.hasSuffix("Mark each carton in red.") == true)
        #expect((order["terms"] as? [String: [String: Any]])?["advance"]?["amount"] as? String == "400.00")

        // Having seen version 2, the second person saves deliberately.
        let retry = sandbox.tg(["draft", code, "--if-version", "2", "--as", "acme", "--json", "-"], stdin: second)
        #expect(retry.status == 0 && retry.stdout.hasSuffix("(version 3).\n"), "\(retry)")
        order = sandbox.orderJSON(code)
        let edits = (order["events"] as? [[String: Any]] ?? []).filter { $0["action"] as? String == "edit" }
        #expect(edits.count == 2, "one audit event per successful save")
        sandbox.expectClean()
    }

    @Test func editingADraftNeedsItsVersionAndKeepsItsCounterparty() throws {
        let sandbox = try Sandbox().standardDatabase()
        let code = try #require(sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: ContractText.valid).lines.first)
        let noVersion = sandbox.tg(["draft", code, "--as", "acme", "--json", "-"], stdin: ContractText.valid)
        #expect(noVersion.status == 2 && noVersion.stderr.contains("Editing draft \(code) needs --if-version N"), "\(noVersion)")
        let versionAlone = sandbox.tg(["draft", "--if-version", "1", "--as", "acme", "--json", "-"], stdin: ContractText.valid)
        #expect(versionAlone.status == 2 && versionAlone.stderr.contains("--if-version applies to editing a draft"), "\(versionAlone)")
        let other = sandbox.tg(["draft", code, "--if-version", "1", "--as", "acme", "--json", "-"],
                               stdin: ContractText.with("\"counterparty\": \"hanse\"", "\"counterparty\": \"nova\""))
        #expect(other.status == 1 && other.stderr.contains("The counterparty of \(code) is 'hanse' and cannot be changed by an edit"), "\(other)")
        // Another party's draft does not exist for them; a submitted order is no longer a draft.
        let foreign = sandbox.tg(["draft", code, "--if-version", "1", "--as", "nova", "--json", "-"],
                                 stdin: ContractText.with("\"counterparty\": \"hanse\"", "\"counterparty\": \"acme\""))
        #expect(foreign.status == 1 && foreign.stderr.contains("There is no order \(code)."), "\(foreign)")
        let submitted = try sandbox.submittedOrder().text
        let late = sandbox.tg(["draft", submitted, "--if-version", "2", "--as", "acme", "--json", "-"], stdin: ContractText.valid)
        #expect(late.status == 1, "\(late)")
        #expect(sandbox.orderJSON(code)["version"] as? Int == 1)
        sandbox.expectClean()
    }
}
