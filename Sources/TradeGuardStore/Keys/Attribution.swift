import TradeGuardCore

/// Who stands behind the events this connection writes, beyond the actor the workflow decides
/// for. Set once by whoever opened the store: a session over SSH (the key), or the platform's
/// own account acting for a party on a real database (a reason). The store checks it again
/// inside every write transaction, so a key revoked a moment ago writes nothing.
public enum Attribution: Equatable, Sendable {
    /// A session of an SSH key: every event is the key's party's and names the key.
    case key(fingerprint: String)
    /// The platform's account acting for a party, with the reason it gave.
    case onBehalf(reason: String)
    /// The platform's account looking as a party without giving a reason: it may read, and any
    /// write is refused with `sentence` (issue 18: on a real database it acts only on behalf).
    case lookingOnly(sentence: String)

    /// Payload fields the store adds to the workflow's events (replay sets them aside).
    public static let keyField = "viaKey"
    public static let keyNameField = "viaKeyName"
    public static let onBehalfField = "onBehalf"
    static let fields: Set<String> = [keyField, keyNameField, onBehalfField]

    public static let readOnlySentence = "This key is read-only: it can look at everything its party sees and change nothing."
    public static func revokedSentence(_ fingerprint: String) -> String {
        "The key \(fingerprint) has been revoked; this session ends and nothing was saved."
    }
}

/// What the recorder does with an attribution inside the write transaction.
struct AttributionSeal {
    let db: Database
    let attribution: Attribution?

    /// The event as written: refused (rolling the transaction back) if the key may not write it,
    /// else carrying the key or the reason. Timeouts the clock applies are no one's action.
    func seal(_ event: AuditEvent) throws -> AuditEvent {
        guard let attribution, event.actor != Actor.system.description else { return event }
        switch attribution {
        case let .key(fingerprint):
            guard let key = try KeyDirectory(db: db).find(fingerprint), !key.isRevoked else {
                throw StoreError.invalid(Attribution.revokedSentence(fingerprint))
            }
            if key.readOnly { throw StoreError.invalid(Attribution.readOnlySentence) }
            guard event.actor == key.actor.description else {
                throw StoreError.invalid("This key acts for \(key.party) only; nothing was saved.")
            }
            return event.adding(.init(Attribution.keyField, key.fingerprint)).adding(.init(Attribution.keyNameField, key.name))
        case let .onBehalf(reason):
            return event.adding(.init(Attribution.onBehalfField, reason))
        case let .lookingOnly(sentence):
            throw StoreError.invalid(sentence)
        }
    }
}
