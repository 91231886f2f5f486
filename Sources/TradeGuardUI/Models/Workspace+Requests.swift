import TradeGuardCore
import TradeGuardStore

/// What a party asks of its workspace besides the order actions' forms: the order the actions
/// apply to, its payment link in full, turning credit protection on, and the contract form.
extension Workspace {
    /// The order actions apply to: the open detail's, else the selected row's.
    var actionTarget: (code: OrderCode, state: OrderState, version: Int, supplier: Handle, buyer: Handle, initiator: PartyKind)? {
        // Field by field: the hint bar asks this for every order action on every frame, and
        // copying the whole order (or list row) each time cost more than the answer.
        if let d = detail { return (d.order.code, d.order.state, d.order.version, d.order.supplier, d.order.buyer, d.order.initiator) }
        return currentList?.selectedTarget
    }

    /// Why the order in view has no payment link to show, or nil when it has one.
    var paymentLinkProblem: String? {
        // The state alone, without the parties' handles `actionTarget` reads: asked every frame.
        guard let state = detail?.order.state ?? currentList?.selectedState else { return "No order selected." }
        return state == .draft || state == .awaitingConfirmation || state == .cancelled
            ? "A payment link is issued when the contract is confirmed." : nil
    }

    /// The full link, long enough on screen to copy; everywhere else it is masked.
    func showPaymentLink(status: StatusMessages) throws {
        guard let target = actionTarget else { return }
        let order = try store.order(target.code, as: session.actor)
        guard let link = order.paymentLink else { throw StoreError.invalid("\(order.code) has no payment link.") }
        status.show("Payment link for \(order.code): \(link.url)", .info, lasting: 15)
    }

    /// Why credit protection cannot be turned on from here, or nil when it can.
    var activationProblem: String? {
        guard tab == .limits else { return "Activation is on the Limits tab." }
        // From the limit summary the workspace already holds: no read per frame.
        return limit?.latest?.status == .notActivated ? nil : "Credit protection is already active."
    }

    /// Turns the party's credit protection on; returns what to say once the screen is reloaded.
    func activate() throws -> String {
        let breakdown = try store.activate(session.party.handle, as: session.actor)
        return "Credit protection is on: limit \(breakdown.granted)."
    }

    /// The contract form for a new draft, offering the counterparties this party may trade with.
    func newContractForm() throws -> ContractFormModel {
        let wanted: PartyKind = session.side == .supplier ? .buyer : .supplier
        // A suspended supplier cannot take new protected orders: it is not offered.
        let others = try store.allParties().filter { $0.party.kind == wanted && !$0.party.isSuspended }
        return ContractFormModel(mode: .new, side: session.side, counterparties: others, contract: nil, counterparty: nil)
    }

    /// The contract form on the draft in view, if any.
    func editContractForm() throws -> ContractFormModel? {
        guard let target = actionTarget else { return nil }
        let order = try store.order(target.code, as: session.actor)
        let other = session.side == .supplier ? order.buyer : order.supplier
        return ContractFormModel(mode: .edit(order.code, version: order.version), side: session.side,
                                 counterparties: [try store.party(other)], contract: order.contract, counterparty: other)
    }
}
