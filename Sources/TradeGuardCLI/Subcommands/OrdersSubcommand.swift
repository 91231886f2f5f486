import Foundation
import TradeGuardCore
import TradeGuardStore

/// `orders`: one party's orders (or, without --as, every order: the platform's view), streamed
/// page by page through the store's keyset lists so memory stays flat however many there are.
enum OrdersSubcommand {
    static let subcommand = Subcommand(
        name: "orders", synopsis: "orders [--as HANDLE] [--state S] [--format table|json|csv] [--db PATH]",
        summary: "List orders: a party's own (with --as), or all of them (the platform's view).",
        details: """
          --as HANDLE   whose orders (a supplier or buyer sees only its own; the other side's drafts stay hidden)
          --state S     only orders in state S, sorted by next deadline like the work queues:
                        \(OrderState.allCases.prefix(6).map(\.rawValue).joined(separator: ", ")),
                        \(OrderState.allCases.dropFirst(6).map(\.rawValue).joined(separator: ", "))
          --format F    table (default), json (an array, see README) or csv

        Without --state the list is in code order. Amounts are exact decimal strings in json and csv.
        """,
        valueOptions: ["as", "state", "format"], run: run)

    static func run(_ inv: Invocation) throws -> Int32 {
        try inv.requirePositionals([])
        let format = try inv.format(["table", "json", "csv"])
        let state = try inv.value("state").map { text throws(CLIError) in try ArgumentValue.choice(text, name: "--state", OrderState.self) }
        return try inv.withStore(.read) { store in
            let actor = try inv.actor(in: store, command: "orders")
            var merged = try store.visibleOrders(to: actor, state: state)
            let handleWidth = try store.allParties().map { Text.columns($0.handle.value) }.max() ?? 0
            let writer = ListingWriter(format: format, output: inv.output, handleWidth: handleWidth)
            writer.begin()
            var count = 0
            while let row = try merged.next() {
                writer.write(row, parties: try store.handles(of: row))
                count += 1
            }
            writer.end(count: count)
            return 0
        }
    }
}

/// Writes listings as a table, a JSON array or CSV, one row at a time.
final class ListingWriter {
    let format: String
    let output: Output
    /// The previous JSON row, held back until we know whether a comma follows it.
    private var pending: String?

    /// Column widths in display columns. A streamed table cannot measure rows it has not read
    /// yet, so each width is the widest its column can hold: every party's handle (the parties
    /// are few and read up front), every kind of deadline with its time.
    let widths: [Int]

    init(format: String, output: Output, handleWidth: Int = 16) {
        self.format = format
        self.output = output
        let deadline = (DeadlineKind.allCases.map { Text.columns($0.title) }.max() ?? 0) + 1
            + Text.columns(Text.time(Instant(secondsSinceEpoch: 0)))
        let handles = max(handleWidth, Text.columns("SUPPLIER"))
        widths = [10, 21, handles, handles, 18, 18, deadline, 9]
    }

    static let csvHeader = ["code", "state", "supplier", "buyer", "currency", "total", "paid", "nextDeadline", "nextDeadlineKind",
                            "waitingOn", "covered", "uncovered", "version"]

    func begin() {
        switch format {
        case "json": output.line("[")
        case "csv": output.line(Self.csvHeader.joined(separator: ","))
        default:
            output.line(line(["CODE", "STATE", "SUPPLIER", "BUYER", "TOTAL", "PAID", "NEXT DEADLINE", "WAITING", "COVERED (USD)"])
                .trimmingCharacters(in: .whitespaces))
        }
    }

    func write(_ row: OrderListing, parties: (supplier: Handle, buyer: Handle)) {
        switch format {
        case "json":
            if let pending { output.line("  " + pending + ",") }
            pending = Self.json(row, parties: parties).encoded()
        case "csv":
            let fields = [row.code.text, row.state.rawValue, parties.supplier.value, parties.buyer.value, row.total.currency.code,
                          MoneyFormat.decimal(row.total), MoneyFormat.decimal(row.paid), row.nextDeadline?.iso8601 ?? "",
                          row.nextDeadlineKind?.rawValue ?? "", row.waitingOn?.rawValue ?? "",
                          row.covered.map(MoneyFormat.decimal) ?? "", row.uncovered.map(MoneyFormat.decimal) ?? "", String(row.version)]
            output.line(fields.map(csv).joined(separator: ","))
        default:
            let deadline = row.nextDeadline.map { "\(row.nextDeadlineKind?.title ?? "Due") \(Text.time($0))" } ?? "—"
            let covered = row.covered.map { cov in
                row.uncovered.map { $0.isZero ? MoneyFormat.display(cov) : "\(MoneyFormat.display(cov)) (+\(MoneyFormat.display($0)) not)" } ?? MoneyFormat.display(cov)
            } ?? "—"
            var text = line([row.code.text, row.state.title, parties.supplier.value, parties.buyer.value, MoneyFormat.display(row.total),
                             MoneyFormat.display(row.paid), deadline, row.waitingOn?.rawValue ?? "—", covered])
            while text.last == " " { text.removeLast() }
            output.line(text)
        }
    }

    func end(count: Int) {
        switch format {
        case "json":
            if let pending { output.line("  " + pending) }
            output.line("]")
        case "csv": break
        default: if count == 0 { output.line("(no orders)") }
        }
    }

    private func line(_ cells: [String]) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            if i < widths.count {
                out += Text.pad(cell, widths[i], right: i == 4 || i == 5) + "  "
            } else {
                out += cell
            }
        }
        return out
    }

    private func csv(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func json(_ row: OrderListing, parties: (supplier: Handle, buyer: Handle)) -> JSON {
        .object([
            "code": .string(row.code.text), "state": .string(row.state.rawValue), "supplier": .string(parties.supplier.value),
            "buyer": .string(parties.buyer.value), "currency": .string(row.total.currency.code), "total": .money(row.total),
            "paid": .money(row.paid), "nextDeadline": .instant(row.nextDeadline), "nextDeadlineKind": .string(row.nextDeadlineKind?.rawValue),
            "waitingOn": .string(row.waitingOn?.rawValue), "covered": .money(row.covered), "uncovered": .money(row.uncovered),
            "version": .int(row.version), "initiator": .string(row.initiator.rawValue),
        ])
    }
}
