import Foundation
import Testing
import TradeGuardCLI

/// `bench --hosted` times commits inside the sessions through `TRADEGUARD_BENCH_REPORT`. Should a
/// platform's sshd ever pass that variable on, a client must not be able to make its session
/// write into a file that holds something (the database, authorized_keys): only into a pipe
/// someone reads, or an empty file.
@Suite(.enabled(if: PrivateSSHD.unavailable == nil, "skipped: \(PrivateSSHD.unavailable ?? "")"))
struct SessionBenchReportTests {
    /// A payment through the session (in-process, as sshd would start it) with the variable set to `report`.
    private func pay(_ p: SSHPlatform, code: String, key: String, report: String) -> RunResult {
        var environment = p.sshd.environment(p.sandbox)
        environment["SSH_ORIGINAL_COMMAND"] = "do pay \(code) --amount 1.00 --key \(key)"
        environment[SessionBenchReport.variable] = report
        return InProcess.run(["session", "--key", p.keys["hanse-desk"]!.fingerprint], environment: environment)
    }

    @Test func aSessionReportsItsCommitIntoAnEmptyFile() throws {
        let p = try SSHPlatform()
        let code = try p.confirmedOrder(buyer: "hanse")
        let report = p.sandbox.write("report", "")
        let paid = pay(p, code: code, key: "report-1", report: report)
        #expect(paid.status == 0, "\(paid)")
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("C ") && UInt64(lines[0].dropFirst(2)) != nil, "\(lines)")
    }

    @Test func aFileThatHoldsSomethingIsNeverWritten() throws {
        let p = try SSHPlatform()
        let code = try p.confirmedOrder(buyer: "hanse")
        let keys = try String(contentsOfFile: p.sshd.authorizedKeys, encoding: .utf8)
        let paid = pay(p, code: code, key: "report-2", report: p.sshd.authorizedKeys)
        #expect(paid.status == 0, "the payment itself goes through: \(paid)")
        #expect(try String(contentsOfFile: p.sshd.authorizedKeys, encoding: .utf8) == keys)
    }
}
