import TradeGuardCore

/// Why the store did not do what was asked. Each case has one sentence for people; `isRetryable`
/// tells the UI to keep the user's input and offer to try again.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The domain refused (wrong party, wrong state, a guard).
    case refused(Refusal)
    case orderNotFound(OrderCode)
    case unknownParty(String)
    /// Someone else changed the order since the caller loaded it; nothing was written.
    case staleVersion(code: OrderCode, yourVersion: Int, whatChanged: String)
    /// The same action already happened (e.g. confirmed from another terminal).
    case alreadyDone(code: OrderCode, what: String)
    /// Another process held the database past the busy timeout; nothing was written.
    case busy
    case readOnly
    case keyUsedElsewhere(String)
    case demoOnly(String)
    case invalid(String)
    case corruptRow(String)
    case database(SQLiteError)

    public var isRetryable: Bool {
        switch self {
        case .busy, .staleVersion: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case let .refused(refusal): return refusal.description
        case let .orderNotFound(code): return "There is no order \(code)."
        case let .unknownParty(handle): return "There is no party with the handle '\(handle)'; 'tradeguard parties' lists them."
        case let .staleVersion(code, _, what): return "Order \(code) changed since you opened it (\(what)); it has been reloaded and nothing was overwritten."
        case let .alreadyDone(code, what): return "Order \(code) was already \(what)."
        case .busy: return "The database is busy (another program holds it); nothing was saved — try again."
        case .readOnly: return "The database is open read-only; nothing can be changed."
        case let .keyUsedElsewhere(key): return "Payment key \(key) was already used for another order; use a new key."
        case let .demoOnly(what): return "\(what) is only possible on a demo database."
        case let .invalid(why): return why
        case let .corruptRow(why): return "The database holds a value this program cannot read (\(why)); run 'tradeguard check'."
        case let .database(error):
            if error.isFull { return "The disk is full; nothing was saved — free some space and try again." }
            if error.isFileTooLarge {
                return "The database file cannot grow: file too large for the size limit set for this program (ulimit -f); nothing was saved."
            }
            if error.isReadOnly { return "The database file cannot be written; nothing was saved." }
            if error.isCorrupt { return "The database file is damaged; run 'tradeguard check' and restore from a backup." }
            return "Database error: \(error.message)"
        }
    }

    /// Maps an error thrown inside a transaction (or a read) to what the caller should see.
    static func wrap(_ error: Error) -> Error {
        if let error = error as? SQLiteError {
            // An interrupt is the caller's own request (`interruptible`), not a failure: it
            // passes as it is, for the caller to tell apart.
            if error.isInterrupted { return error }
            if error.isBusy { return StoreError.busy }
            return StoreError.database(error)
        }
        if let refusal = error as? Refusal { return StoreError.refused(refusal) }
        return error
    }
}
