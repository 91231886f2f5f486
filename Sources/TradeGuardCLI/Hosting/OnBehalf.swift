import TradeGuardCore
import TradeGuardStore

/// Locally, on a real database, the account that owns the file is the platform (issue 18): it
/// acts as a party only with `--as HANDLE --on-behalf "reason"`, and every event it writes then
/// records the reason ("platform on behalf of …, reason …"); without one it may only look.
/// Demo databases keep `--as` anyone.
enum OnBehalf {
    static func apply(_ inv: Invocation, store: Store, party: PartyRecord) throws {
        let reason = inv.value("on-behalf")
        guard inv.session == nil else { return }   // a session's --as is its key's party, set by the session
        if let reason {
            do { _ = try TextRules.validate(reason, field: "--on-behalf", maxLength: 200) } catch { throw CLIError.usage(error.description) }
            store.attribution = .onBehalf(reason: reason)
            return
        }
        guard party.party.kind != .platform, try store.kind() == .real else { return }
        // Looking as the party is fine (the platform sees every order); acting is refused in the write itself.
        store.attribution = .lookingOnly(sentence: "On a real database this account is the platform: act for \(party.handle) with --as \(party.handle) --on-behalf \"reason\" (the reason is recorded); nothing was saved.")
    }
}
