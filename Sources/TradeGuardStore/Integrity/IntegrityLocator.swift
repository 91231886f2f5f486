import Foundation

/// Turns `PRAGMA integrity_check` lines into sentences that name what is damaged. SQLite
/// names pages ("On tree page 4 cell 7: …", "Page 9: btreeInitPage() …"); a person needs the
/// table or index, so the page is looked up among the schema's root pages, else in `dbstat`.
struct IntegrityLocator {
    /// Root page → "table orders" / "index orders_state".
    private var roots: [Int64: String] = [:]
    private let db: Database

    init(db: Database) {
        self.db = db
        let rows = (try? db.query("SELECT type, name, rootpage FROM sqlite_schema WHERE rootpage > 0", []) {
            ($0.text(0), $0.text(1), $0.int(2))
        }) ?? []
        for (type, name, root) in rows { roots[root] = "\(type) \(name)" }
    }

    /// The lines of one `integrity_check` result row (it may hold several, after a header).
    static func lines(_ rows: [String]) -> [String] {
        rows.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("*** in database") }
    }

    /// "index orders_code (page 4): On tree page 4 cell 7: …", or the line as it is when it
    /// names no page (SQLite's "row 3 missing from index orders_code" names the index itself).
    func describe(_ line: String) -> String {
        guard let page = Self.number(after: "page ", in: line) else { return line }
        let tree = Self.number(after: "tree ", in: line)
        let name = tree.flatMap { roots[$0] } ?? roots[page] ?? owner(ofPage: page)
        return name.map { "\($0) (page \(page)): \(line)" } ?? line
    }

    /// The table or index a non-root page belongs to, from `dbstat` when SQLite has it and
    /// can still read that far.
    private func owner(ofPage page: Int64) -> String? {
        guard let name = try? db.scalarText("SELECT name FROM dbstat WHERE pageno = ?", [.int(page)]) else { return nil }
        let type = (try? db.scalarText("SELECT type FROM sqlite_schema WHERE name = ?", [.text(name)])) ?? nil
        return "\(type ?? "table") \(name)"
    }

    /// The number after the first `word` (case-insensitive) in `line`.
    static func number(after word: String, in line: String) -> Int64? {
        guard let range = line.range(of: word, options: .caseInsensitive) else { return nil }
        let digits = line[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int64(digits)
    }
}
