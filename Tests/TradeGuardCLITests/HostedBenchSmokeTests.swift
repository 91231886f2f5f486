import Foundation
import Testing
import TradeGuardCLI

/// `bench --hosted` end to end at a tiny size: every figure measured, nothing lost or doubled,
/// check clean. Timings are not judged here (that is the bench's job), so either exit status
/// (0 all within budget, 1 something over) is accepted while the correctness lines must hold.
@Suite(.enabled(if: PrivateSSHD.unavailable == nil, "skipped: \(PrivateSSHD.unavailable ?? "")"))
struct HostedBenchSmokeTests {
    static let figures = ["payments acknowledged", "payments in the database", "commit, p50", "commit, p99", "key, p50", "key, p99",
                          "resident memory per full-screen session, most", "ssh -tt -> first frame, p50", "ssh do pay round trip, p99"]

    @Test func everyFigureIsMeasuredAndNoPaymentIsLostOrDoubled() throws {
        let sandbox = Sandbox()
        let run = sandbox.rawSpawned(["bench", "--hosted", "--sessions", "4", "--seconds", "4"])
        #expect(run.status == 0 || run.status == 1, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        func line(_ name: String) -> String? { lines.first { $0.hasPrefix(name + " ") } }
        for figure in Self.figures {
            let found = line(figure)
            #expect(found != nil && !(found?.contains("not measured") ?? true), "no value for '\(figure)' in:\n\(run.stdout)")
        }
        let acknowledged = try #require(line("payments acknowledged").flatMap { $0.split(separator: " ").compactMap { Int($0) }.first })
        #expect(acknowledged > 0, "\(run.stdout)")
        for correctness in ["lost actions", "doubled actions", "check, problems"] {
            let found = try #require(line(correctness), "\(run.stdout)")
            #expect(found.contains(" 0 ") && found.contains(" ok "), "\(found)")
        }
        #expect(!run.stdout.contains("problem:"), "\(run.stdout)")
    }

    @Test func optionsOfTheOtherBenchAreRefused() {
        let sandbox = Sandbox()
        let mixed = sandbox.raw(["bench", "--hosted", "--orders", "10000"])
        #expect(mixed.status == 2 && mixed.stderr.contains("--orders applies to the plain bench"), "\(mixed)")
        let stray = sandbox.raw(["bench", "--sessions", "4"])
        #expect(stray.status == 2 && stray.stderr.contains("apply to 'bench --hosted'"), "\(stray)")
    }
}
