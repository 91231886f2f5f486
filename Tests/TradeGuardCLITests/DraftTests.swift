import Foundation
import Testing

/// `draft --json`: the JSON contract, exact amounts, and precise refusals.
@Suite struct DraftTests {
    @Test func aValidContractBecomesADraftWithExactAmounts() throws {
        let sandbox = try Sandbox().standardDatabase()
        let file = sandbox.write("contract.json", ContractText.valid)
        let result = sandbox.tg("draft", "--as", "acme", "--json", file)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "TG-0000001\n")
        #expect(result.stderr.isEmpty, "a complete contract gets no note: \(result)")

        let order = sandbox.orderJSON("TG-0000001")
        #expect(order["state"] as? String == "draft" && order["total"] as? String == "1344.97")
        let lines = try #require(order["lines"] as? [[String: Any]])
        #expect(lines.count == 2)
        #expect(lines[0]["description"] as? String == "Steel hinges 不锈钢铰链" && lines[0]["inspectionRequired"] as? Bool == true)
        #expect(lines[1]["quantity"] as? String == "10.5" && lines[1]["unitPrice"] as? String == "3.33" && lines[1]["amount"] as? String == "34.97")
        #expect(order["remarks"] as? String == "Pack in export cartons.\nMark each carton.")
        let shipping = try #require(order["shipping"] as? [String: Any])
        #expect(shipping["daysAfter"] as? String == "advance" && shipping["days"] as? Int == 20 && shipping["method"] as? String == "sea")
        let terms = try #require(order["terms"] as? [String: [String: Any]])
        #expect(terms["advance"]?["amount"] as? String == "400.00" && terms["balance"]?["amount"] as? String == "944.97")

        // Standard input, as the buyer (the supplier is the counterparty), in yen.
        let yen = ContractText.with("\"counterparty\": \"hanse\"", "\"counterparty\": \"acme\"")
            .replacingOccurrences(of: "\"USD\"", with: "\"JPY\"").replacingOccurrences(of: "\"12.50\"", with: "\"1250\"")
            .replacingOccurrences(of: "\"3.33\"", with: "\"333\"").replacingOccurrences(of: "\"50.00\"", with: "\"5000\"")
            .replacingOccurrences(of: "\"10.00\"", with: "\"1000\"").replacingOccurrences(of: "\"400.00\"", with: "\"40000\"")
        let fromStdin = sandbox.tg(["draft", "--as", "hanse", "--json", "-"], stdin: yen)
        #expect(fromStdin.status == 0 && fromStdin.stdout == "TG-0000002\n", "\(fromStdin)")
        // 100 × 1250 + 10.5 × 333 = 3496.5 → 3497 (half up) + 6000.
        #expect(sandbox.orderJSON("TG-0000002")["total"] as? String == "134497")
        // The buyer's draft is hidden from the supplier until submitted.
        let hidden = sandbox.tg("order", "TG-0000002", "--as", "acme")
        #expect(hidden.status == 1 && hidden.stderr.contains("There is no order TG-0000002."), "\(hidden)")
        sandbox.expectClean()
    }

    @Test func anIncompleteButStorableDraftIsSavedWithANote() throws {
        let sandbox = try Sandbox().standardDatabase()
        // An advance above the total is storable while drafting, but cannot be submitted.
        let text = ContractText.with("\"advance\": \"400.00\"", "\"advance\": \"5000.00\"")
        let result = sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: text)
        #expect(result.status == 0 && result.stdout == "TG-0000001\n", "\(result)")
        #expect(result.stderr.contains("note: TG-0000001 is saved as a draft but cannot be submitted yet: The advance must be more than zero and at most the total"), "\(result)")
        let submit = sandbox.tg("do", "submit", "TG-0000001", "--as", "acme")
        #expect(submit.status == 1 && submit.stderr.contains("The contract is not ready"), "\(submit)")
    }

    /// (what is wrong, the contract text, the message expected on stderr)
    static let badContracts: [(String, String, String)] = [
        ("money as a JSON number", ContractText.with("\"freight\": \"50.00\"", "\"freight\": 50.00"),
         "freight: must be a decimal string such as \"50.00\", not a JSON number."),
        ("unit price as a number", ContractText.with("\"unitPrice\": \"3.33\"", "\"unitPrice\": 3.33"),
         "lines[1].unitPrice: must be a decimal string such as \"50.00\", not a JSON number."),
        ("quantity as a number", ContractText.with("\"quantity\": \"10.5\"", "\"quantity\": 10.5"),
         "lines[1].quantity: must be a decimal string such as \"10.5\", not a JSON number."),
        ("too many decimals", ContractText.with("\"unitPrice\": \"3.33\"", "\"unitPrice\": \"3.333\""),
         "lines[1].unitPrice: USD amounts have at most 2 decimals."),
        ("quantity with 4 decimals", ContractText.with("\"quantity\": \"10.5\"", "\"quantity\": \"10.5001\""),
         "lines[1].quantity: A quantity has at most 3 decimals."),
        ("negative advance", ContractText.with("\"advance\": \"400.00\"", "\"advance\": \"-400.00\""),
         "advance: The amount must not be negative."),
        ("zero unit price", ContractText.with("\"unitPrice\": \"12.50\"", "\"unitPrice\": \"0\""),
         "lines[0].unitPrice: The amount must be greater than zero."),
        ("exponent", ContractText.with("\"insurance\": \"10.00\"", "\"insurance\": \"1e3\""),
         "insurance: Write the amount in full digits, without an exponent."),
        ("overflow", ContractText.with("\"unitPrice\": \"12.50\"", "\"unitPrice\": \"99999999999999999999\""),
         "lines[0].unitPrice: The amount is too large."),
        ("unknown counterparty", ContractText.with("\"counterparty\": \"hanse\"", "\"counterparty\": \"ghost\""),
         "counterparty: There is no party with the handle 'ghost'"),
        ("counterparty of the same kind", ContractText.with("\"counterparty\": \"hanse\"", "\"counterparty\": \"brightco\""),
         "The counterparty 'brightco' is a supplier; a supplier drafts with a buyer."),
        ("bad handle", ContractText.with("\"counterparty\": \"hanse\"", "\"counterparty\": \"Hanse GmbH\""),
         "counterparty: 'Hanse GmbH' is not a valid handle"),
        ("empty lines", ContractText.valid.replacing(#/"lines": \[[^\]]*\]/#, with: "\"lines\": []"),
         "lines: give at least one line item."),
        ("lines not an array", ContractText.valid.replacing(#/"lines": \[[^\]]*\]/#, with: "\"lines\": {}"),
         "lines: must be an array of line items, not an object."),
        ("escape sequence in a description", ContractText.with("\"Gaskets\"", "\"Gaskets \\u001b[2J\""),
         "lines[1].description: Description contains an invisible or control character (U+001B)."),
        ("bidi override in the destination", ContractText.with("\"Am Sandtorkai 1, Hamburg\"", "\"Am Sandtorkai \u{202E}1\""),
         "destination: Destination contains an invisible or control character (U+202E)."),
        ("raw control character", ContractText.with("\"Gaskets\"", "\"Gas\tkets\""),
         "The contract is not valid JSON (line 8, column 25: a raw control character in a string (write it as \\u0009))."),
        ("unknown key at the top", ContractText.with("\"kind\": \"custom\",", "\"kind\": \"custom\", \"colour\": \"red\","),
         "Unknown key 'colour' in the contract (allowed: counterparty, currency, kind, lines"),
        ("unknown key in a line", ContractText.with("\"unit\": \"kg\"", "\"unit\": \"kg\", \"weight\": \"3\""),
         "Unknown key 'weight' in lines[1] (allowed: description, quantity, unit, unitPrice, quality, inspectionRequired)."),
        ("unknown key in shipping", ContractText.with("\"days\": 20", "\"days\": 20, \"port\": \"x\""),
         "Unknown key 'port' in shipping"),
        ("duplicate key", ContractText.with("\"freight\": \"50.00\",", "\"freight\": \"50.00\", \"freight\": \"1.00\","),
         "the key 'freight' appears twice in one object"),
        ("impossible date", ContractText.with("\"daysAfter\": \"advance\", \"days\": 20", "\"date\": \"2027-02-29\""),
         "shipping.date: That date does not exist: February 2027 has 28 days."),
        ("malformed date", ContractText.with("\"daysAfter\": \"advance\", \"days\": 20", "\"date\": \"27/02/2027\""),
         "shipping.date: '27/02/2027' is not a date; write it as YYYY-MM-DD"),
        ("both date and days", ContractText.with("\"days\": 20", "\"days\": 20, \"date\": \"2027-01-10\""),
         "shipping: give either date, or daysAfter and days — not both."),
        ("days out of range", ContractText.with("\"days\": 20", "\"days\": 400"), "shipping.days: must be from 1 to 365 (got 400)."),
        ("days as a string", ContractText.with("\"days\": 20", "\"days\": \"20\""), "shipping.days: must be a whole number (a JSON number), not a string."),
        ("fractional days", ContractText.with("\"days\": 20", "\"days\": 2.5"), "shipping.days: must be a whole number from 1 to 365 (got 2.5)."),
        ("unknown currency", ContractText.with("\"USD\"", "\"XBT\""), "currency: 'XBT' is not a currency TradeGuard trades in"),
        ("unknown incoterm", ContractText.with("\"CIF\"", "\"FOO\""), "incoterm: must be one of EXW, FCA"),
        ("unknown method", ContractText.with("\"sea\"", "\"rail\""), "shipping.method: must be one of sea, air, express, land (got 'rail')."),
        ("missing advance", ContractText.with("\"advance\": \"400.00\",", ""), "advance: this field is required."),
        ("inspection as a string", ContractText.with("\"inspectionRequired\": true", "\"inspectionRequired\": \"yes\""),
         "lines[0].inspectionRequired: must be true or false, not a string."),
        ("description too long", ContractText.with("\"Gaskets\"", "\"\(String(repeating: "g", count: 501))\""),
         "lines[1].description: Description is too long (at most 500 characters)."),
        ("empty unit", ContractText.with("\"unit\": \"kg\"", "\"unit\": \"  \""), "lines[1].unit: Unit must not be empty."),
        ("not JSON at all", "counterparty=hanse", "The contract is not valid JSON (line 1, column 1: unexpected character 'c'; expected a value)."),
        ("trailing comma", ContractText.with("\"beforeShipment\",", "\"beforeShipment\",,"), "The contract is not valid JSON"),
        ("an array, not an object", "[]", "The contract must be a JSON object, not an array."),
        ("empty input", "", "The contract is not valid JSON (line 1, column 1: the text is empty; expected a JSON object)."),
    ]

    @Test(arguments: 0..<badContracts.count)
    func badContractsAreRefusedNamingTheField(_ index: Int) throws {
        let (what, text, message) = Self.badContracts[index]
        let sandbox = try Sandbox().standardDatabase()
        let result = sandbox.tg(["draft", "--as", "acme", "--json", "-"], stdin: text)
        #expect(result.status == 1, "\(what): \(result)")
        #expect(result.stderr.contains(message), "\(what): expected «\(message)» in \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(what): one line: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let orders = sandbox.tg("orders", "--format", "csv")
        #expect(orders.lines.count == 1, "\(what): nothing was drafted: \(orders)")
    }

    @Test func draftUsageMistakes() throws {
        let sandbox = try Sandbox().standardDatabase()
        let noJSON = sandbox.tg("draft", "--as", "acme")
        #expect(noJSON.status == 2 && noJSON.stderr.contains("draft needs --json FILE"))
        let noActor = sandbox.tg(["draft", "--json", "-"], stdin: ContractText.valid)
        #expect(noActor.status == 2 && noActor.stderr.contains("draft needs --as HANDLE"))
        let missingFile = sandbox.tg("draft", "--as", "acme", "--json", sandbox.path("nope.json"))
        #expect(missingFile.status == 1 && missingFile.stderr.contains("Cannot read the contract \(sandbox.path("nope.json")): there is no such file."))
        let latin1 = sandbox.path("latin1.json")
        _ = FileManager.default.createFile(atPath: latin1, contents: Data("{\"remarks\": \"".utf8) + Data([0xE9]) + Data("\"}".utf8))
        let notUTF8 = sandbox.tg("draft", "--as", "acme", "--json", latin1)
        #expect(notUTF8.status == 1 && notUTF8.stderr.contains("The contract is not valid JSON (line 1, column 1: the text is not valid UTF-8)."), "\(notUTF8)")
        let platform = sandbox.tg(["draft", "--as", "platform", "--json", "-"], stdin: ContractText.valid)
        #expect(platform.status == 1 && platform.stderr.contains("Only a supplier or a buyer can draft"), "\(platform)")
        // brightco has not activated credit protection.
        let inactive = sandbox.tg(["draft", "--as", "brightco", "--json", "-"], stdin: ContractText.valid)
        #expect(inactive.status == 1 && inactive.stderr.contains("has not activated credit protection"), "\(inactive)")
    }
}
