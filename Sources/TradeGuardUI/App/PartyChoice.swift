import TradeGuardCore
import TradeGuardStore

/// Who the app acts as: the party picker's commands and `party.switch` change the app's mode
/// (the picker, or a party's workspace), which is the model's own state.
extension AppModel {
    var picker: PickerModel? {
        if case let .picker(p) = mode { return p }
        return nil
    }

    /// The workspace the picker was opened from (`party.switch`), if any.
    var pickerReturn: Workspace? { picker?.returnTo }

    func leavePicker() {
        guard let back = pickerReturn else { return }
        mode = .workspace(back)
        back.rowsHint = size.rows
        reloadAfterChange()
    }

    func choosePicked() throws {
        guard let choice = picker?.choice else { return }
        try actAs(choice, saying: "Acting as \(choice.name) (\(Words.side(choice.party.kind).lowercased()))")
    }

    /// `party.switch HANDLE` acts as that party; without one it opens the picker, and Esc
    /// comes back to this workspace as it was.
    func switchParty(_ args: [String]) throws {
        guard let name = args.first else {
            let picker = try PickerModel(store: store)
            picker.returnTo = workspace
            mode = .picker(picker)
            return
        }
        guard let handle = try? Handle(name) else { throw StoreError.unknownParty(name) }
        let record = try store.party(handle)
        try actAs(record, saying: "Acting as \(record.name)")
    }

    private func actAs(_ record: PartyRecord, saying note: String) throws {
        mode = .workspace(try Workspace(store: store, session: Session(party: record), keys: registry))
        workspace?.rowsHint = size.rows
        show(note)
    }
}
