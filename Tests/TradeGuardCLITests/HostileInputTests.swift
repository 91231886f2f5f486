import Foundation
import Testing
import TradeGuardCore
import TradeGuardStore

/// Hostile and mistaken input on every kind of CLI argument and JSON contract field (DESIGN
/// §8, reliability matrix "Bad input"): each is refused with a precise sentence before anything
/// is written — the database file and its WAL are byte for byte the same afterwards — or, where
/// the text is allowed, stored literally. No error message echoes a control character back to
/// the terminal.
@Suite struct HostileInputTests {
    struct Case: CustomStringConvertible {
        let arguments: [String]
        let stdin: String?
        let status: Int32
        let message: String
        var description: String { arguments.joined(separator: " ").debugDescription }
    }

    /// Characters that must never reach a terminal from an error message: C0 controls but
    /// newline, DEL, C1 controls, bidi overrides and isolates.
    static func hasTerminalControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            (s.value < 0x20 && s.value != 0x0A) || s.value == 0x7F || (0x80...0x9F).contains(s.value)
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
    }

    static let hostileText: [(name: String, text: String, message: String)] = [
        ("ESC [31m", "\u{1B}[31mred", "contains an invisible or control character (U+001B)."),
        ("ESC [2J", "\u{1B}[2J", "contains an invisible or control character (U+001B)."),
        ("OSC 52", "\u{1B}]52;c;aGVsbG8=\u{07}", "contains an invisible or control character (U+001B)."),
        ("CR overwrite", "paid\rrefunded", "contains an invisible or control character (U+000D)."),
        ("C1 CSI", "\u{9B}31m", "contains an invisible or control character (U+009B)."),
        ("C1 NEL", "a\u{85}b", "contains an invisible or control character (U+0085)."),
        ("bidi override", "invoice\u{202E}fdp.exe", "contains an invisible or control character (U+202E)."),
        ("zero width", "ze\u{200B}ro", "contains an invisible or control character (U+200B)."),
        ("1,000 combining marks", "a" + String(repeating: "\u{301}", count: 1_000), "has too many combining marks on one character."),
        ("whitespace only", "   ", "must not be empty."),
        ("100 KB", String(repeating: "x", count: 100_000), "is too long (at most 1000 characters)."),
    ]

    static let hostileAmounts: [(text: String, message: String)] = [
        ("-5", "The amount must not be negative."),
        ("0", "The amount must be greater than zero."),
        ("0.00", "The amount must be greater than zero."),
        ("5.001", "USD amounts have at most 2 decimals."),
        ("1e5", "Write the amount in full digits, without an exponent."),
        ("NaN", "The amount must be a number."),
        ("Infinity", "The amount must be a number."),
        ("\u{2212}5", "The amount must not be negative (a minus sign was typed)."),
        ("1,00,0", "thousands separators must group three digits, as in 1,234.50."),
        ("1.000,00", "a thousands separator after the decimal point."),
        ("99999999999999999999", "The amount is too large."),
        ("0x10", "The amount may contain only digits, one '.' and ',' separators (found 'x')."),
        ("\u{663}", "The amount may contain only digits, one '.' and ',' separators (found '\u{663}')."),
        ("", "Enter an amount."),
    ]

    /// Runs every case against `sandbox`, checking the status, the message, that stderr is
    /// inert, and that the database files did not change.
    func expectRefused(_ cases: [Case], _ sandbox: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        for c in cases {
            let before = (sandbox.bytes(sandbox.db), sandbox.bytes(sandbox.db + "-wal"))
            let result = sandbox.tg(c.arguments, stdin: c.stdin)
            #expect(result.status == c.status, "\(c): \(result)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains(c.message), "\(c): expected “\(c.message)” in \(result.stderr.debugDescription)",
                    sourceLocation: sourceLocation)
            #expect(!Self.hasTerminalControl(result.stderr + result.stdout), "\(c): control characters echoed: \(result.stderr.debugDescription)",
                    sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, "\(c): \(result)", sourceLocation: sourceLocation)
            #expect(sandbox.bytes(sandbox.db) == before.0 && sandbox.bytes(sandbox.db + "-wal") == before.1,
                    "\(c): the database changed", sourceLocation: sourceLocation)
        }
        return cases.count
    }

    @Test func everyArgumentRefusesHostileInputBeforeWriting() throws {
        let sandbox = try Sandbox().standardDatabase()
        let waiting = try sandbox.submittedOrder().text          // awaiting confirmation by hanse
        let payable = try sandbox.submittedOrder().text
        let store = try sandbox.openStore()
        try store.perform(.confirm, on: OrderCode(payable)!, as: Sandbox.buyer)
        store.close()
        // A checkpoint now, so that only the commands under test could change the files.
        sandbox.expectClean()

        var cases: [Case] = []
        for (text, message) in Self.hostileAmounts {
            cases.append(Case(arguments: ["do", "pay", payable, "--as", "hanse", "--amount", text, "--key", "k1"], stdin: nil, status: 2, message: message))
            cases.append(Case(arguments: ["do", "dispute", payable, "--as", "hanse", "--reason", "late", "--amount", text], stdin: nil, status: 2, message: message))
        }
        for (name, text, message) in Self.hostileText {
            _ = name
            cases.append(Case(arguments: ["do", "request-changes", waiting, "--as", "hanse", "--reason", text], stdin: nil, status: 1,
                              message: "Reason " + message))
            cases.append(Case(arguments: ["do", "cancel", waiting, "--as", "acme", "--reason", text], stdin: nil, status: 1,
                              message: "Reason " + message))
        }
        // Payment keys, days, versions, counts, codes, handles, currencies, rates, dates.
        cases += [
            Case(arguments: ["do", "pay", payable, "--as", "hanse", "--amount", "5.00", "--key", "\u{1B}[2J"], stdin: nil, status: 2, message: "--key: "),
            Case(arguments: ["do", "pay", payable, "--as", "hanse", "--amount", "5.00", "--key", ""], stdin: nil, status: 2, message: "--key: "),
            Case(arguments: ["do", "pay", payable, "--as", "hanse", "--amount", "5.00", "--key", String(repeating: "k", count: 10_000)], stdin: nil, status: 2, message: "--key: "),
            Case(arguments: ["do", "pay", payable, "--as", "hanse", "--amount", "5.00", "--method", "cash"], stdin: nil, status: 2, message: "--method"),
            Case(arguments: ["do", "confirm", waiting, "--as", "hanse", "--if-version", "0"], stdin: nil, status: 2, message: "--if-version"),
            Case(arguments: ["do", "confirm", waiting, "--as", "hanse", "--if-version", "-1"], stdin: nil, status: 2, message: "--if-version"),
            Case(arguments: ["do", "confirm", waiting, "--as", "hanse", "--if-version", "1e3"], stdin: nil, status: 2, message: "--if-version"),
            Case(arguments: ["do", "confirm", waiting, "--as", "hanse", "--if-version", "99999999999999999999"], stdin: nil, status: 2, message: "--if-version"),
            Case(arguments: ["do", "confirm", "TG-\u{1B}[31m", "--as", "hanse"], stdin: nil, status: 2, message: "is not an order code"),
            Case(arguments: ["do", "confirm", "TG-99999999999999999999", "--as", "hanse"], stdin: nil, status: 2, message: "is not an order code"),
            Case(arguments: ["do", "confirm", waiting, "--as", "han\u{1B}se"], stdin: nil, status: 2, message: "--as"),
            Case(arguments: ["do", "confirm", waiting, "--as", "'); DROP TABLE orders;--"], stdin: nil, status: 2, message: "--as"),
            Case(arguments: ["seed", "--orders", "0"], stdin: nil, status: 2, message: "--orders"),
            Case(arguments: ["seed", "--orders", "-5"], stdin: nil, status: 2, message: "--orders"),
            Case(arguments: ["seed", "--orders", "1e3"], stdin: nil, status: 2, message: "--orders"),
            Case(arguments: ["seed", "--orders", "99999999999999999999"], stdin: nil, status: 2, message: "--orders"),
            Case(arguments: ["seed", "--orders", "5", "--seed", "-1"], stdin: nil, status: 2, message: "--seed must be a whole number"),
            Case(arguments: ["rate", "set", "EUR", "-1"], stdin: nil, status: 2, message: "'-1' is not a rate; write units per US dollar with up to 6 decimals, e.g. 0.92."),
            Case(arguments: ["rate", "set", "EUR", "0"], stdin: nil, status: 2, message: "'0' is not a rate; write units per US dollar with up to 6 decimals, e.g. 0.92."),
            Case(arguments: ["rate", "set", "EUR", "1e3"], stdin: nil, status: 2, message: "'1e3' is not a rate; write units per US dollar with up to 6 decimals, e.g. 0.92."),
            Case(arguments: ["rate", "set", "EUR", "NaN"], stdin: nil, status: 2, message: "'NaN' is not a rate; write units per US dollar with up to 6 decimals, e.g. 0.92."),
            Case(arguments: ["rate", "set", "EUR", "0.92", "--date", "2026-02-30"], stdin: nil, status: 2, message: "--date: That date does not exist: February 2026 has 28 days."),
            Case(arguments: ["rate", "set", "XXX", "1"], stdin: nil, status: 2, message: "XXX"),
            Case(arguments: ["clock", "set", "2026-02-30"], stdin: nil, status: 2, message: "That date does not exist: February 2026 has 28 days."),
            Case(arguments: ["clock", "set", "2026-13-01"], stdin: nil, status: 2, message: "That date does not exist: month 13 does not exist."),
            Case(arguments: ["clock", "set", "2026-01-01"], stdin: nil, status: 1, message: "The clock only moves forward (it is 2026-11-27T09:00:00Z now)."),
            Case(arguments: ["clock", "advance", "-1d"], stdin: nil, status: 2, message: "-1d"),
            Case(arguments: ["party", "add", "zed", "--kind", "buyer", "--name", "\u{1B}]52;c;aGk=\u{07}", "--country", "DE", "--email", "z@z.example"],
                 stdin: nil, status: 1, message: "Name contains an invisible or control character (U+001B)."),
            Case(arguments: ["party", "add", "zed", "--kind", "buyer", "--name", "Zed", "--country", "DE", "--email", "z@z.example", "--member-since", "2026-02-30"],
                 stdin: nil, status: 2, message: "--member-since: That date does not exist: February 2026 has 28 days."),
            Case(arguments: ["party", "edit", "hanse", "--name", "Hanse\u{202E}GmbH"], stdin: nil, status: 1, message: "Name contains an invisible or control character (U+202E)."),
        ]
        // Workflow order: shipping before confirmation and payment, receipt before shipping.
        cases += [
            Case(arguments: ["do", "ship", waiting, "--as", "acme", "--carrier", "DHL", "--tracking", "1"], stdin: nil, status: 1, message: "Ship is not possible while the order is awaiting confirmation."),
            Case(arguments: ["do", "confirm-receipt", payable, "--as", "hanse"], stdin: nil, status: 1, message: "Confirm receipt is not possible while the order is awaiting payment."),
            Case(arguments: ["do", "start-production", payable, "--as", "acme"], stdin: nil, status: 1, message: "Start production is not possible while the order is awaiting payment."),
        ]
        let tried = expectRefused(cases, sandbox)
        sandbox.expectClean()
        print("hostile CLI arguments: \(tried) refused with nothing written")
    }

    @Test func everyContractFieldRefusesHostileInputBeforeWriting() throws {
        let sandbox = try Sandbox().standardDatabase()
        sandbox.expectClean()
        func draft(_ json: String, _ message: String) -> Case {
            Case(arguments: ["draft", "--as", "acme", "--json", "-"], stdin: json, status: 1, message: message)
        }
        var cases: [Case] = []
        for (text, message) in Self.hostileAmounts where !text.isEmpty {
            let quoted = text.replacingOccurrences(of: "\\", with: "\\\\")
            cases.append(draft(ContractText.with("\"unitPrice\": \"12.50\"", "\"unitPrice\": \"\(quoted)\""), message))
            if text != "0" && text != "0.00" {
                cases.append(draft(ContractText.with("\"advance\": \"400.00\"", "\"advance\": \"\(quoted)\""), message))
                cases.append(draft(ContractText.with("\"freight\": \"50.00\"", "\"freight\": \"\(quoted)\""), message))
            }
        }
        // JSON escapes make every hostile character reachable, NUL included.
        func json(_ text: String) -> String {
            text.unicodeScalars.map { s in
                switch s {
                case "\"": return "\\\""
                case "\\": return "\\\\"
                default: return s.value < 0x20 || (0x7F...0x9F).contains(s.value) ? String(format: "\\u%04x", s.value) : String(s)
                }
            }.joined()
        }
        var texts = Self.hostileText.filter { $0.name != "100 KB" && $0.name != "whitespace only" }.map { ($0.text, $0.message) }
        texts.append(("nul\u{0}byte", "contains an invisible or control character (U+0000)."))
        for (text, message) in texts {
            cases.append(draft(ContractText.with("\"Gaskets\"", "\"\(json(text))\""), message))
            cases.append(draft(ContractText.with("\"Hamburg\"", "\"\(json(text))\""), message))
            cases.append(draft(ContractText.with("\"salt spray 96 h\"", "\"\(json(text))\""), message))
        }
        cases += [
            draft(ContractText.with("Pack in export cartons.", String(repeating: "x", count: 1 << 20)), "remarks"),
            draft(ContractText.with("\"Gaskets\"", "\"   \""), "lines[1].description"),
            draft(ContractText.with("\"unitPrice\": \"12.50\"", "\"unitPrice\": 12.50"), "unitPrice"),
            draft(ContractText.with("\"quantity\": \"100\"", "\"quantity\": \"1e2\""), "quantity"),
            draft(ContractText.with("\"quantity\": \"100\"", "\"quantity\": \"-100\""), "quantity"),
            draft(ContractText.with("\"daysAfter\": \"advance\", \"days\": 20", "\"date\": \"2026-02-30\""), "shipping.date: That date does not exist: February 2026 has 28 days."),
            draft(ContractText.with("\"daysAfter\": \"advance\", \"days\": 20", "\"date\": \"2026-13-01\""), "shipping.date: That date does not exist: month 13 does not exist."),
            draft(ContractText.with("\"daysAfter\": \"advance\", \"days\": 20", "\"daysAfter\": \"advance\", \"days\": -1"), "days"),
            draft(ContractText.with("\"counterparty\": \"hanse\"", "\"counterparty\": \"'); DROP TABLE orders;--\""), "counterparty"),
            draft("{\"counterparty\": \"hanse\"", "not valid JSON"),
            draft(String(repeating: "[", count: 100_000), "not valid JSON"),
        ]
        let tried = expectRefused(cases, sandbox)
        sandbox.expectClean()
        print("hostile contract fields: \(tried) refused with nothing written")
    }

    /// What is allowed is stored exactly as typed: SQL metacharacters, quotes, emoji and wide
    /// characters, a leap day, and dates out of order that only submitting refuses.
    @Test func allowedTextIsStoredLiterally() throws {
        let sandbox = try Sandbox().standardDatabase()
        let waiting = try sandbox.submittedOrder().text
        let sql = "'); DROP TABLE orders;-- \"quoted\" 100% _x_ \\ 新星 🚢"
        let changed = sandbox.tg("do", "request-changes", waiting, "--as", "hanse", "--reason", sql)
        #expect(changed.status == 0, "\(changed)")
        #expect(sandbox.orderJSON(waiting)["lastReason"] as? String == sql)

        let contract = ContractText.with("\"Gaskets\"", "\"Robert'); DROP TABLE orders;-- 🚢\"")
            .replacingOccurrences(of: "\"daysAfter\": \"advance\", \"days\": 20", with: "\"date\": \"2028-02-29\", \"expectedDelivery\": \"2028-02-01\"")
        let drafted = sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: contract)
        #expect(drafted.status == 0, "\(drafted)")
        // Saved as a draft, but the delivery before the ship date is named, and submitting is refused.
        #expect(drafted.stderr.contains("The expected delivery 2028-02-01 is before the shipping date 2028-02-29."), "\(drafted)")
        let code = try #require(drafted.lines.first)
        let lines = sandbox.orderJSON(code)["lines"] as? [[String: Any]] ?? []
        #expect(lines.last?["description"] as? String == "Robert'); DROP TABLE orders;-- 🚢")
        let submit = sandbox.tg("do", "submit", code, "--as", "acme")
        #expect(submit.status == 1 && submit.stderr.contains("The expected delivery 2028-02-01 is before the shipping date 2028-02-29."), "\(submit)")
        #expect(sandbox.tg("orders", "--format", "csv").lines.count == 3, "the orders table is still there")
        sandbox.expectClean()
    }
}
