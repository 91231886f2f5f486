import TradeGuardCore

/// `check`'s view of buyer tiers (schema 7): each party's tier is what its last `party.tier`
/// event set, else standard; the `parties.buyer_tier` column must say the same.
struct TierReplay {
    static let action = "party.tier"
    static let field = "tier"

    private var implied: [String: (tier: String, label: String)] = [:]

    /// Takes a global event: a tier event sets the party's tier.
    mutating func take(action: String, payload: [AuditEvent.Field], label: @autoclosure () -> String) {
        guard action == Self.action, let tier = payload.first(where: { $0.key == Self.field })?.value,
              let party = payload.first(where: { $0.key == "party" })?.value else { return }
        implied[party] = (tier, label())
    }

    func compare(db: Database, _ fault: (String) -> Void) throws {
        for (id, handle, tier) in try db.query("SELECT id, handle, buyer_tier FROM parties ORDER BY id", [], row: { ($0.int(0), $0.text(1), $0.text(2)) }) {
            let expected = implied[handle]
            guard tier != (expected?.tier ?? BuyerTier.standard.rawValue) else { continue }
            fault("parties row \(id) (\(handle)): buyer_tier is \"\(tier)\" but the log implies \"\(expected?.tier ?? BuyerTier.standard.rawValue)\""
                  + (expected.map { " (\($0.label))" } ?? " (no tier event)"))
        }
    }
}
