import TradeGuardCore
import TradeGuardStore

/// The read-only detail of one order, laid out as lines and scrolled.
final class OrderDetailModel {
    let store: Store
    let code: OrderCode
    let viewer: Actor
    private(set) var order: Order
    private(set) var events: [StoredEvent] = []
    var top = 0
    /// DetailScreen's layout of this version of the order (cleared on reload).
    var laidOut: (width: Int, now: Instant, lines: [DetailScreen.Line])?

    init(store: Store, code: OrderCode, viewer: Actor) throws {
        self.store = store
        self.code = code
        self.viewer = viewer
        (order, events) = try store.orderWithEvents(code, as: viewer)
    }

    func reload() throws {
        laidOut = nil
        (order, events) = try store.orderWithEvents(code, as: viewer)
    }

    func scroll(by delta: Int, visible: Int, total: Int) {
        top = max(0, min(top + delta, max(0, total - visible)))
    }
}
