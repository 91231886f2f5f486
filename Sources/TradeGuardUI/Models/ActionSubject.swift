import TradeGuardCore
import TradeGuardStore

/// The order the order actions are judged against, with the workflow's context for it. The
/// hint bar and the commands' "why disabled" ask `Workflow.precheck` with it — the guards
/// `decide` runs — so nothing is offered that the workflow would refuse, and no UI rule can
/// drift from the domain's. Read once per order version (the hint bar asks for every action on
/// every frame); a refresh, which follows any commit and any clock change, forgets it.
final class ActionSubject {
    let order: Order
    let context: DecisionContext
    /// The code and version the screen asked for. A list row can be older than the order (another
    /// process committed since the last refresh): the subject is kept for what the row says, so
    /// it is read once per row version, not once per question until the next refresh (a busy order
    /// was read 60 times per key, once for each action the hint bar and help ask about).
    let asked: (code: OrderCode, version: Int)
    /// The workflow's answer for each action asked about so far. The hint bar asks about every
    /// action on every frame, and for one subject the answer cannot change; a class, so that
    /// asking does not copy the order. (A list scanned, not a dictionary: the actions' String
    /// raw values would be hashed at each question.)
    private var askedActions: [OrderAction] = []
    private var answers: [Refusal?] = []

    init(order: Order, context: DecisionContext, asked: (code: OrderCode, version: Int)) {
        self.order = order
        self.context = context
        self.asked = asked
    }

    /// `Workflow.precheck` for `action` by `actor` (the workspace's party: one per subject).
    func precheck(_ action: OrderAction, by actor: Actor) -> Refusal? {
        // The actions apart from the answers: scanning (action, refusal) pairs copied a refusal
        // at each step, and cost more than the precheck it saved.
        if let index = askedActions.firstIndex(of: action) { return answers[index] }
        let refusal = Workflow.precheck(action, on: order, by: actor, context: context)
        askedActions.append(action)
        answers.append(refusal)
        return refusal
    }
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
        if let kept = w.actionSubject, kept.matches(wanted) { return kept }
        let subject: ActionSubject?
        if let d = w.detail {
            subject = w.subject(of: d.order, asked: wanted)
        } else if let ahead = w.subjectsAhead.first(where: { $0.matches(wanted) }) {
            subject = ahead
        } else if let prepared = w.preparedDetail?.model.order, prepared.code == wanted.code, prepared.version == wanted.version {
            subject = w.subject(of: prepared, asked: wanted)
        } else {
            subject = w.readSubject(wanted)
        }
        if let subject { w.actionSubject = subject }
        return subject
    }
}

extension ActionSubject {
    func matches(_ wanted: (code: OrderCode, version: Int)) -> Bool {
        asked.code == wanted.code && asked.version == wanted.version
    }
}

extension Workspace {
    /// The order a list row names, as the workflow would see it now.
    func readSubject(_ wanted: (code: OrderCode, version: Int)) -> ActionSubject? {
        guard let order = try? store.order(wanted.code, as: session.actor) else { return nil }
        return subject(of: order, asked: wanted)
    }

    /// `order`, already read, with the workflow's context for it now.
    func subject(of order: Order, asked wanted: (code: OrderCode, version: Int)) -> ActionSubject? {
        guard let context = try? store.actionContext(for: order) else { return nil }
        return ActionSubject(order: order, context: context, asked: wanted)
    }

    /// A subject read between keys, with every action already asked about (the hint bar asks
    /// about them all on the frame that shows it).
    func readSubjectAhead(_ wanted: (code: OrderCode, version: Int)) -> ActionSubject? {
        guard let subject = readSubject(wanted) else { return nil }
        for action in OrderAction.allCases { _ = subject.precheck(action, by: session.actor) }
        return subject
    }

    /// Reads the subjects of the rows above and below the selection, between keys: a cursor
    /// move then draws its hint bar without reading the database while the key waits. Kept
    /// only for the rows around the selection; a refresh (any commit, a new minute) drops them.
    func readSubjectsAhead(_ list: OrderListModel) {
        let around = [list.selected + 1, list.selected - 1].compactMap { list.key(at: $0) }
        var kept = subjectsAhead.filter { subject in around.contains { subject.matches($0) } }
        for wanted in around where !kept.contains(where: { $0.matches(wanted) }) {
            if let current = actionSubject, current.matches(wanted) {
                kept.append(current)
            } else if let subject = readSubjectAhead(wanted) {
                kept.append(subject)
            }
        }
        // The selected row's own subject too: moving back reaches it without a read.
        if let current = actionSubject, !kept.contains(where: { $0.matches(current.asked) }) { kept.append(current) }
        subjectsAhead = kept
    }
}
