import Foundation

/// `TRADEGUARD_BENCH_FILTER_WORDS=towel,Müller,… bench --orders N --runs R`: only the filter,
/// typed a character at a time into the Orders tab exactly as the full session does, with each
/// key's time printed. Why: the full bench re-runs `check` (minutes at a million orders), which
/// makes comparing two builds of the filter slow; this times the same keys in seconds.
enum BenchFilterWords {
    static let variable = "TRADEGUARD_BENCH_FILTER_WORDS"

    /// The keys the full session presses before its filters, by name (`moves`, `pages`, `tabs`,
    /// `opens`, from `TRADEGUARD_BENCH_FILTER_BEFORE`), so a slowdown they cause can be found.
    static func preamble(_ app: BenchChild, steps: [String]) throws {
        typealias K = BenchSession.Keys
        if steps.contains("moves") { for _ in 0..<150 { _ = try app.press(K.down) } }
        if steps.contains("pages") { for _ in 0..<40 { _ = try app.press(K.pageDown) } }
        _ = try app.press(K.top)
        if steps.contains("tabs") { for _ in 0..<28 { _ = try app.press(K.tab) } }
        if steps.contains("opens") {
            for _ in 0..<20 {
                _ = try app.press(K.enter)
                for _ in 0..<3 { _ = try app.press(K.down) }
                _ = try app.press(K.back)
                _ = try app.press(K.down)
            }
        }
    }

    static func run(words: [String], steps: [String], database: String, handle: String, runs: Int, rows: Int, cols: Int, scratch: String,
                    output: (String) -> Void) throws {
        OSCache.warm(database)
        var all: [Double] = []
        var byWord: [String: [Double]] = [:]
        for run in 1...runs {
            let app = try BenchChild(binary: try BenchSubcommand.ownBinary(), database: database, handle: handle, rows: rows, cols: cols, scratch: scratch)
            _ = try app.press(BenchSession.Keys.ordersTab)
            try preamble(app, steps: steps)
            for word in words {
                _ = try app.press(BenchSession.Keys.filter)
                var typed = ""
                for character in word {
                    typed.append(character)
                    let ms = try app.press(String(character)).applicationMs
                    all.append(ms)
                    byWord[word, default: []].append(ms)
                    output("run \(run)  \(typed.padding(toLength: 24, withPad: " ", startingAt: 0)) " + String(format: "%8.2f ms", ms))
                }
                _ = try app.press(BenchSession.Keys.escape)
            }
            _ = app.quit()
        }
        func summary(_ samples: [Double]) -> String {
            String(format: "p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%d keys)", Percentile.of(samples, 50) ?? .nan,
                   Percentile.of(samples, 99) ?? .nan, samples.max() ?? .nan, samples.count)
        }
        for word in words { output("\(word.padding(toLength: 24, withPad: " ", startingAt: 0)) \(summary(byWord[word] ?? []))") }
        output("all words                \(summary(all))")
    }
}
