import TradeGuardCore
import TradeGuardStore

/// The order the order actions are judged against, with the workflow's context for it. The
/// hint bar and the commands' "why disabled" ask `Workflow.precheck` with it — the guards
/// `decide` runs — so nothing is offered that the workflow would refuse, and no UI rule can
/// drift from the domain's. Read once per order version (the hint bar asks for every action on
/// every frame); a refresh, which follows any commit and any clock change, forgets it.
struct ActionSubject {
    let order: Order
    let context: DecisionContext
    /// The code and version the screen asked for. A list row can be older than the order (another
    /// process committed since the last refresh): the subject is kept for what the row says, so
    /// it is read once per row version, not once per question until the next refresh (a busy order
    /// was read 60 times per key, once for each action the hint bar and help ask about).
    let asked: (code: OrderCode, version: Int)
}

extension AppModel {
    /// The open detail's order, else the selected row's, as the workflow would see it now.
    var actionSubject: ActionSubject? {
        guard let w = workspace, let session else { return nil }
        let wanted: (code: OrderCode, version: Int)
        if let d = w.detail {
            wanted = (d.order.code, d.order.version)
        } else if let row = w.currentList?.selectedKey {
            wanted = row
        } else {
            return nil
        }
        if let kept = w.actionSubject, kept.asked.code == wanted.code, kept.asked.version == wanted.version { return kept }
        let order: Order
        if let d = w.detail {
            order = d.order
        } else if let prepared = w.preparedDetail?.model.order, prepared.code == wanted.code, prepared.version == wanted.version {
            order = prepared
        } else {
            guard let read = try? store.order(wanted.code, as: session.actor) else { return nil }
            order = read
        }
        guard let context = try? store.actionContext(for: order) else { return nil }
        let subject = ActionSubject(order: order, context: context, asked: wanted)
        w.actionSubject = subject
        return subject
    }
}
