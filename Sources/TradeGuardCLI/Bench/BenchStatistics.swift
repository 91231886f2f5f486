/// Percentiles of one run's samples, and the spread of a figure over repeated runs.
enum Percentile {
    /// The `p`-th percentile (0…100) by nearest rank: a value that was actually measured.
    static func of(_ samples: [Double], _ p: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}

/// One figure over repeated runs: the median is reported and judged, min–max shows the noise.
struct Spread {
    let values: [Double]

    init(_ values: [Double]) { self.values = values.sorted() }

    var isEmpty: Bool { values.isEmpty }
    var median: Double { values.isEmpty ? .nan : values[(values.count - 1) / 2] }
    var min: Double { values.first ?? .nan }
    var max: Double { values.last ?? .nan }
}

/// What a figure is measured in, and how it is printed.
enum BenchUnit {
    case milliseconds, seconds, bytes, megabytes, count, ratio

    func format(_ value: Double) -> String {
        switch self {
        case .milliseconds:
            return value < 10 ? String(format: "%.2f ms", value) : String(format: "%.1f ms", value)
        case .seconds:
            if value < 1 { return String(format: "%.3f s", value) }
            return value < 100 ? String(format: "%.1f s", value) : String(format: "%.0f s", value)
        case .ratio: return String(format: "%.2f x", value)
        case .bytes: return "\(Int(value.rounded())) B"
        case .megabytes: return String(format: "%.1f MB", value)
        case .count: return "\(Int(value.rounded()))"
        }
    }

    func bare(_ value: Double) -> String {
        let text = format(value)
        return String(text.prefix { $0 != " " })
    }
}

/// One line of the table: a figure, its spread over runs, and its budget (if it has one).
struct BenchFigure {
    let name: String
    let spread: Spread
    let unit: BenchUnit
    /// The largest acceptable median; nil for figures reported without a budget.
    let budget: Double?
    var note: String = ""

    var verdict: String {
        guard let budget else { return "" }
        guard !spread.isEmpty else { return "n/a" }
        return spread.median <= budget ? "ok" : "OVER"
    }

    var valueText: String {
        guard !spread.isEmpty else { return "not measured" }
        if spread.values.count == 1 { return unit.format(spread.median) }
        return "\(unit.format(spread.median)) (\(unit.bare(spread.min))-\(unit.bare(spread.max)))"
    }

    var budgetText: String { budget.map { "<= " + unit.format($0) } ?? "" }
}

/// The table `bench` prints: one block per database size.
enum BenchTable {
    static func render(title: String, figures: [BenchFigure]) -> String {
        let nameWidth = max(6, figures.map(\.name.count).max() ?? 0)
        let valueWidth = max(5, figures.map(\.valueText.count).max() ?? 0)
        let budgetWidth = max(6, figures.map(\.budgetText.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: Swift.max(0, n - s.count)) }
        var lines = [title, pad("figure", nameWidth) + "  " + pad("value (min-max)", valueWidth) + "  " + pad("budget", budgetWidth) + "  verdict"]
        for f in figures {
            var line = pad(f.name, nameWidth) + "  " + pad(f.valueText, valueWidth) + "  " + pad(f.budgetText, budgetWidth) + "  " + f.verdict
            if !f.note.isEmpty { line += "  " + f.note }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
