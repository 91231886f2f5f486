import Testing
@testable import TradeGuardCore
@testable import TradeGuardStore
@testable import TradeGuardUI

/// `render` is a pure function of the model (issue 22): what a frame shows from the database is
/// read after the key, tick or refresh that needs it. Proof: after the same keys, an app whose
/// store is closed before drawing draws what an app with an open store draws. A read while
/// drawing would fail on the closed store and leave its part of the frame out (the contract
/// form's coverage, the hint bar's order actions).
struct RenderReadsNothingTests {
    /// The frame after `keys`, drawn with the store open and, by a second app on the same file,
    /// with the store closed once the keys were handled.
    func frames(as handle: String, _ keys: [Key]) throws -> (open: String, closed: String) {
        let (folder, store) = try UIFixture.demo()
        defer { withExtendedLifetime(folder) {} }
        func app(_ store: Store) throws -> AppModel {
            let app = try AppModel(store: store, as: try Handle(handle), time: .utc, uptime: { 0 })
            app.size = (30, 100)
            for key in keys { app.handle(key); _ = app.didPresent() }
            return app
        }
        let open = try app(store).render().text
        let second = try Store(path: folder.path("demo.sqlite"), create: false)
        let drawn = try app(second)
        second.close()
        return (open, drawn.render().text)
    }

    @Test func theContractFormsPreviewIsReadWhenTheFormChanges() throws {
        // Drafts, a new contract, then a line: item, quantity, unit, price.
        let keys: [Key] = [.character("3"), .character("+"), .tab, .tab, .tab, .character("B"), .tab, .character("4"), .tab, .tab,
                           .character("2"), .character("5")]
        let (open, closed) = try frames(as: "shenzhen-bright", keys)
        #expect(open.contains("Total US$100.00 · covered"), "\(open)")
        #expect(closed == open)
    }

    @Test func theHintBarsOrderActionsAreReadWhenTheSelectionMoves() throws {
        // The buyer's Orders tab, down to the last row: a contract the buyer may still cancel.
        let keys: [Key] = [.character("7"), .down, .character("G")]
        let (open, closed) = try frames(as: "hanse-kuechen", keys)
        #expect(open.split(separator: "\n").last?.contains("x cancel") == true, "\(open)")
        #expect(closed == open)
    }

    @Test func thePlatformsQueueAndItsDecideHintAreReadBeforeDrawing() throws {
        // The Escalated queue, then Disputes and back: the rows, each side's position, and the
        // decide hint the precheck allows on the escalated dispute.
        let (open, closed) = try frames(as: "platform", [.character("2"), .character("1")])
        #expect(open.contains("Buyer position") && open.split(separator: "\n").last?.contains("D decide") == true, "\(open)")
        #expect(closed == open)
    }

    @Test func theHelpsReasonsAreReadBeforeDrawing() throws {
        // Help, searched for the order actions: each says why it cannot run on this order.
        let keys: [Key] = [.character("7"), .character("G"), .character("?")] + "order.".map { Key.character($0) }
        let (open, closed) = try frames(as: "hanse-kuechen", keys)
        #expect(open.contains("order.cancel"), "\(open)")
        #expect(closed == open)
    }
}
