/// One entry of the audit trail: who did what to which order, when, from which state to which.
/// The store chains events: `hash = SHA-256(previous hash ‖ canonicalBytes)`.
public struct AuditEvent: Hashable, Sendable {
    public let actor: String
    public let action: String
    public let order: OrderCode?
    public let fromState: OrderState?
    public let toState: OrderState?
    public let at: Instant
    /// Details (amounts, keys, reasons), sorted by key so the encoding is canonical.
    public let payload: [Field]

    public struct Field: Hashable, Sendable {
        public let key: String
        public let value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    public init(actor: String, action: String, order: OrderCode?, fromState: OrderState?, toState: OrderState?,
                at: Instant, payload: [Field]) {
        self.actor = actor
        self.action = action
        self.order = order
        self.fromState = fromState
        self.toState = toState
        self.at = at
        self.payload = payload.sorted { $0.key < $1.key }
    }

    public func value(_ key: String) -> String? { payload.first { $0.key == key }?.value }

    /// The same event with one more payload field (kept sorted).
    public func adding(_ field: Field) -> AuditEvent {
        AuditEvent(actor: actor, action: action, order: order, fromState: fromState, toState: toState, at: at, payload: payload + [field])
    }

    /// The same event without the fields named (those the store adds to the workflow's event).
    public func removing(_ keys: Set<String>) -> AuditEvent {
        AuditEvent(actor: actor, action: action, order: order, fromState: fromState, toState: toState, at: at,
                   payload: payload.filter { !keys.contains($0.key) })
    }

    /// A byte encoding with exactly one reading: a version tag, then every field as
    /// `<byte count>:<bytes>` in a fixed order, the payload as key/value pairs sorted by key.
    /// Length prefixes mean no value can imitate a separator.
    public var canonicalBytes: [UInt8] {
        var out = Array("tg-event-v1".utf8)
        func put(_ text: String) {
            let bytes = Array(text.utf8)
            out += Array(String(bytes.count).utf8)
            out.append(UInt8(ascii: ":"))
            out += bytes
        }
        put(actor)
        put(action)
        put(order?.text ?? "")
        put(fromState?.rawValue ?? "")
        put(toState?.rawValue ?? "")
        put(String(at.secondsSinceEpoch))
        put(String(payload.count))
        for field in payload {
            put(field.key)
            put(field.value)
        }
        return out
    }
}
