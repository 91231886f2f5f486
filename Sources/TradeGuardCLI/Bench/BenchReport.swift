/// Turns the samples of repeated runs into the table's figures: each run gives one p50 and one
/// p99 (or median bytes); the table shows their median over runs and their min-max.
enum BenchReport {
    /// DESIGN §7: seeding may take at most this many times SQLite's own VACUUM INTO of the result.
    static let seedRatio = 2.5

    static func figures(entry: BenchCache.Entry, sessions: [SessionSamples], actions: [BenchActions.Samples], cols: Int) -> [BenchFigure] {
        func spread(_ pick: (SessionSamples) -> [BenchChild.Press], _ p: Double) -> Spread {
            Spread(sessions.compactMap { Percentile.of(pick($0).map(\.applicationMs), p) })
        }
        func bytes(_ pick: (SessionSamples) -> [BenchChild.Press]) -> Spread {
            Spread(sessions.compactMap { Percentile.of(pick($0).map { Double($0.bytes) }, 50) })
        }
        func keyFigures(_ name: String, _ pick: @escaping (SessionSamples) -> [BenchChild.Press]) -> [BenchFigure] {
            [BenchFigure(name: "\(name), p50", spread: spread(pick, 50), unit: .milliseconds, budget: 1),
             BenchFigure(name: "\(name), p99", spread: spread(pick, 99), unit: .milliseconds, budget: 2)]
        }
        let ratio = entry.seedSeconds / entry.vacuumSeconds
        let measured = entry.reused ? " (measured when built)" : ""
        var figures = [
            BenchFigure(name: "seed \(BenchSubcommand.grouped(entry.orders)) orders", spread: Spread([entry.seedSeconds]), unit: .seconds,
                        budget: seedRatio * entry.vacuumSeconds, note: "check \(entry.checkResult)\(measured)"),
            BenchFigure(name: "VACUUM INTO of the seeded file", spread: Spread([entry.vacuumSeconds]), unit: .seconds, budget: nil,
                        note: "the yardstick, same run\(measured)"),
            BenchFigure(name: "seed / VACUUM INTO", spread: Spread([ratio]), unit: .ratio, budget: seedRatio),
            BenchFigure(name: "exec -> first frame, cold", spread: Spread(sessions.map(\.coldFirstFrameMs)), unit: .milliseconds, budget: 30),
            BenchFigure(name: "exec -> first frame, warm", spread: Spread(sessions.map(\.warmFirstFrameMs)), unit: .milliseconds, budget: 30),
        ]
        figures += keyFigures("cursor move", \.move)
        figures += keyFigures("page down", \.page)
        figures += keyFigures("tab switch", \.tab)
        figures += keyFigures("open detail", \.open)
        figures += keyFigures("back to the queue", \.back)
        figures.append(BenchFigure(name: "filter, per character, p50", spread: spread(\.filter, 50), unit: .milliseconds, budget: nil))
        figures.append(BenchFigure(name: "filter, per character, p99", spread: spread(\.filter, 99), unit: .milliseconds, budget: 30))
        let sync = actions.first?.synchronous ?? "?"
        for (name, pick) in [("confirm committed", \BenchActions.Samples.confirmMs), ("payment committed", \BenchActions.Samples.payMs)] {
            figures.append(BenchFigure(name: "\(name), p50", spread: Spread(actions.compactMap { Percentile.of($0[keyPath: pick], 50) }),
                                       unit: .milliseconds, budget: nil, note: "synchronous=\(sync)"))
            figures.append(BenchFigure(name: "\(name), p99", spread: Spread(actions.compactMap { Percentile.of($0[keyPath: pick], 99) }),
                                       unit: .milliseconds, budget: 20, note: "synchronous=\(sync)"))
        }
        figures += [
            BenchFigure(name: "bytes: cursor move (detail closed)", spread: bytes(\.move), unit: .bytes, budget: Double(2 * cols + 64),
                        note: "2 rows of \(cols) + 64 for escapes"),
            BenchFigure(name: "bytes: cursor move (detail pane open)", spread: bytes(\.paneMove), unit: .bytes, budget: nil,
                        note: "the move, then the pane filled"),
            BenchFigure(name: "bytes: cursor move, Confirmations", spread: bytes(\.liveMove), unit: .bytes, budget: nil,
                        note: "a live queue: the hint bar follows the row"),
            BenchFigure(name: "bytes: scroll in the open detail", spread: bytes(\.detailScroll), unit: .bytes, budget: nil),
            BenchFigure(name: "bytes: page down", spread: bytes(\.page), unit: .bytes, budget: nil),
            BenchFigure(name: "bytes: tab switch", spread: bytes(\.tab), unit: .bytes, budget: nil),
            BenchFigure(name: "peak resident memory", spread: Spread(sessions.map { Double($0.peakResidentBytes) / 1_048_576 }),
                        unit: .megabytes, budget: 50),
        ]
        return figures
    }
}
