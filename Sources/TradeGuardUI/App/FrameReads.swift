/// `render` reads nothing: what a frame shows that comes from the database is read here, after
/// each key, tick and refresh, and kept on the model for the frame to draw from.
extension AppModel {
    /// Reads what the next frame needs and is not kept yet: the order in view as the workflow
    /// sees it (the hint bar and the help ask every order action about it) and the contract
    /// form's live preview (the supplier's limit and the rates).
    func readForFrame() {
        _ = actionTarget
        _ = actionSubject
        if let form = openContractForm, let me = session?.party.handle {
            form.preview = form.readPreview(store: store, me: me, today: clock.utcDate)
        }
    }

    /// The contract form on screen, also when a message box is open over it.
    var openContractForm: ContractFormModel? {
        switch overlay {
        case let .contract(form)?: return form
        case let .message(message)?:
            if case let .contract(form)? = message.returnTo { return form }
            return nil
        default: return nil
        }
    }
}
