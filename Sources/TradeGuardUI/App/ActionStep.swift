import TradeGuardCore
import TradeGuardStore

/// What starting an order action, or submitting its form, leads to (`OrderActions`). The app
/// carries it out (`AppModel.take`): deciding the step needs only the order and a few reads,
/// never the app.
enum ActionStep {
    /// Act now, through the store; `form` is kept open with the reason if it is refused.
    case perform(OrderCommand, code: OrderCode, version: Int, form: FormModel?)
    /// Ask first (the yes/no question).
    case ask(ConfirmModel)
    /// Open the form of the action's fields.
    case fill(FormModel)
    /// Say in full, in a box, why it cannot start (every problem of a contract).
    case explain(String, [String])
}

/// The reads an order action's form and question need: a fresh payment key, the order's log
/// (what changed since it was last submitted) and the workflow's context (what confirming would
/// cover). The store answers them.
protocol OrderActionReads {
    func newPaymentKey() -> IdempotencyKey
    func events(of code: OrderCode) throws -> [StoredEvent]
    func actionContext(for order: Order) throws -> DecisionContext
    /// The order as stored (the platform's question names the points its decision gives).
    func order(_ code: OrderCode, as viewer: Actor?) throws -> Order
}

extension Store: OrderActionReads {}
