import Foundation

/// The table of `bench --hosted`: correctness first (lost, doubled, check), then the budgets of
/// issue 18 (key p99, commit p99, memory per full-screen session), then what explains them.
enum HostedBenchReport {
    static func figures(run: HostedBench.Run, ledger: HostedBenchLedger, check: (clean: Bool, output: String),
                        writes: Result<HostedFrameWrites.Count, Error>,
                        budgets: (keyMs: Double, commitMs: Double, memoryMB: Double)) -> [BenchFigure] {
        func one(_ value: Double?) -> Spread { Spread(value.map { [$0] } ?? []) }
        func count(_ n: Int) -> Spread { Spread([Double(n)]) }
        let failedCalls = run.payers.reduce(0) { $0 + $1.tally.failedCalls }
        let replays = run.payers.reduce(0) { $0 + $1.tally.replays }
        let roundTrips = run.payers.flatMap(\.tally.roundTripsMs)
        let keys = run.screens.flatMap(\.keyMs)
        let memories = run.screens.compactMap(\.memory)
        let resident = memories.map { Double($0.residentBytes) / 1_048_576 }
        let peaks = memories.map { Double($0.peakResidentBytes) / 1_048_576 }
        let shares = memories.compactMap(\.proportionalBytes).map { Double($0) / 1_048_576 }
        let megabytes: (Double?) -> String = { $0.map { String(format: "%.1f MB", $0) } ?? "n/a" }

        var figures = [
            BenchFigure(name: "payments acknowledged", spread: count(ledger.acknowledged), unit: .count, budget: nil,
                        note: "\(run.payers.count) payers; \(failedCalls) failed calls retried with the same key, \(replays) answered as replays"),
            BenchFigure(name: "payments in the database", spread: count(ledger.recorded), unit: .count, budget: nil,
                        note: "\(ledger.payEvents) pay events, \(ledger.replayEvents) replay events; \(ledger.unacknowledgedCommits.count) committed but never acknowledged"),
            BenchFigure(name: "lost actions", spread: count(ledger.lost.count), unit: .count, budget: 0, note: "acknowledged, not in the database"),
            BenchFigure(name: "doubled actions", spread: count(ledger.doubled.count), unit: .count, budget: 0,
                        note: "a key paid or audited twice, or not the cent asked"),
            BenchFigure(name: "check, problems", spread: count(check.clean ? 0 : 1), unit: .count, budget: 0,
                        note: check.clean ? "check clean" : "check FAILED"),
            BenchFigure(name: "commit, p50", spread: one(Percentile.of(run.commitMs, 50)), unit: .milliseconds, budget: nil,
                        note: "\(run.commitMs.count) commits timed in the sessions, BEGIN IMMEDIATE (lock wait included) to COMMIT"),
            BenchFigure(name: "commit, p99", spread: one(Percentile.of(run.commitMs, 99)), unit: .milliseconds, budget: budgets.commitMs),
            BenchFigure(name: "key, p50", spread: one(Percentile.of(keys, 50)), unit: .milliseconds, budget: nil,
                        note: "\(keys.count) keys in \(run.screens.count) sessions, key taken -> frame handed over, inside the app"),
            BenchFigure(name: "key, p99", spread: one(Percentile.of(keys, 99)), unit: .milliseconds, budget: budgets.keyMs),
            BenchFigure(name: "resident memory per full-screen session, most", spread: one(resident.max()), unit: .megabytes,
                        budget: budgets.memoryMB,
                        note: "VmRSS at the end of \(memories.count) sessions; median \(megabytes(Percentile.of(resident, 50))), peak VmHWM \(megabytes(peaks.max())), PSS median \(megabytes(Percentile.of(shares, 50)))"),
            BenchFigure(name: "ssh -tt -> first frame, p50", spread: one(Percentile.of(run.screens.map(\.firstFrameMs).filter { !$0.isNaN }, 50)),
                        unit: .milliseconds, budget: nil, note: "connection, authentication, session start, first frame"),
            BenchFigure(name: "ssh do pay round trip, p50", spread: one(Percentile.of(roundTrips, 50)), unit: .milliseconds, budget: nil,
                        note: "a new SSH connection per action"),
            BenchFigure(name: "ssh do pay round trip, p99", spread: one(Percentile.of(roundTrips, 99)), unit: .milliseconds, budget: nil),
        ]
        switch writes {
        case let .success(counted):
            let complete = counted.perKey.count == counted.keysPressed
            figures.append(BenchFigure(name: "writes per key over SSH, most", spread: one(counted.perKey.max().map(Double.init)), unit: .count,
                                       budget: 1, note: complete ? "strace on the session process, \(counted.keysPressed) keys"
                                           : "strace saw \(counted.perKey.count) of \(counted.keysPressed) keys"))
        case let .failure(error):
            figures.append(BenchFigure(name: "writes per key over SSH, most", spread: Spread([]), unit: .count, budget: 1, note: "\(error)"))
        }
        return figures
    }
}
