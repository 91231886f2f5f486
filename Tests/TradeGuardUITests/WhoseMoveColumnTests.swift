import Foundation
import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// The Confirmations tab says who must act on each contract (issue 19): "you" on the ones you
/// must confirm, "the buyer" or "the supplier" on the ones you sent.
struct WhoseMoveColumnTests {
    @Test func eachConfirmationRowSaysWhoseMoveItIs() throws {
        let (folder, store) = try UIFixture.demo()
        defer { _ = folder }
        for (handle, side) in [("shenzhen-bright", PartyKind.supplier), ("hanse-kuechen", .buyer), ("yiwu-crafts", .supplier)] {
            let (_, runner) = try UIFixture.app(store, as: handle, rows: 40, cols: 120)
            try runner.run(Script.parse("key 4", name: "t"))
            let screen = runner.terminal.screen.text
            #expect(screen.contains("Whose move"), "\(screen)")
            let rows = try store.listOrders(for: try Handle(handle), side: side, scope: .queue(.confirmations), sort: .deadline, limit: 30)
            #expect(!rows.isEmpty, "\(handle) has no contracts awaiting confirmation")
            for row in rows {
                let order = try store.order(row.code)
                let whose = order.waitingOnKind == side ? "you" : "the \(order.waitingOnKind!.rawValue)"
                let line = screen.split(separator: "\n").first { $0.contains(row.code.text) } ?? ""
                #expect(line.contains(" \(whose) "), "\(handle) \(row.code): \(line)")
            }
        }
    }
}
