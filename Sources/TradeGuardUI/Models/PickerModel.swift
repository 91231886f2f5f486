import TradeGuardCore
import TradeGuardStore

/// The party picker of a demo database: who do you want to be?
final class PickerModel {
    let store: Store
    private(set) var parties: [PartyRecord] = []
    var selected = 0
    /// The workspace the picker was opened from, to go back to on Esc (nil at start-up).
    var returnTo: Workspace?

    init(store: Store) throws {
        self.store = store
        try reload()
    }

    func reload() throws {
        // Suppliers first, then buyers, then the platform (its workspace: the disputes it decides).
        func rank(_ kind: PartyKind) -> Int { kind == .supplier ? 0 : kind == .buyer ? 1 : 2 }
        parties = try store.allParties()
            .sorted { (rank($0.party.kind), $0.party.name) < (rank($1.party.kind), $1.party.name) }
        selected = min(selected, max(0, parties.count - 1))
    }

    var choice: PartyRecord? { parties.indices.contains(selected) ? parties[selected] : nil }

    func move(by delta: Int) { selected = max(0, min(parties.count - 1, selected + delta)) }
}

/// The `?` overlay: every command with its keys, searchable.
final class HelpModel {
    let search = LineEditor()
    var top = 0

    /// Types into the search; a changed search starts the list at its top.
    func type(_ key: Key) {
        if search.edit(key) { top = 0 }
    }

    /// Whether `key`, one of the close command's, closes the help: Esc always; its other keys
    /// (`?`) only until a search is begun, and then they are searched for.
    func closes(on key: Key) -> Bool {
        guard key != .escape, !search.text.isEmpty else { return true }
        type(key)
        return false
    }

    /// Scrolls, stopping where the last of `total` lines shows in `room` rows.
    func scroll(by delta: Int, total: Int, room: Int) { top = max(0, min(top + delta, total - room)) }
}
