/// Schema version 11 (issue 21): the supplier's claim against a buyer who has not paid the
/// balance after receipt (rule 3310's "buyer non-payment after receipt") is a dispute of kind
/// `balance-unpaid` whose remedy is `pay-balance`. Both values join the CHECK lists of
/// `disputes` and `dispute_proposals`.
///
/// SQLite cannot alter a CHECK constraint, and rebuilding both tables would mean recreating
/// their indexes and the foreign keys that point at them. A CHECK that only grows admits every
/// row it admitted before, so the stored table definitions are edited in place — the procedure
/// SQLite's ALTER TABLE documentation gives for changes that leave the file's content valid
/// (writable_schema, then a new schema_version). The replacement looks for the old list with
/// its closing parenthesis, which the new list no longer has: running the step again (upgrade
/// tests wind `user_version` back) changes nothing.
///
/// The platform's Escalated queue runs by when each dispute reached the platform, not by when it
/// was opened: `disputes.escalated_at` (set once, by the buyer's escalation or the clock's) with
/// its index. Existing disputes take it from their escalation event.
enum SchemaV11 {
    static let kinds = SchemaV7.kinds + ",'balance-unpaid'"
    static let remedies = SchemaV7.remedies + ",'pay-balance'"

    /// The escalation's event: the buyer's `escalate`, or a `dispute-timeout` that left the
    /// order disputed (a lapse ends the dispute), inside the dispute's own time span.
    static let backfill = """
    UPDATE disputes SET escalated_at = (
        SELECT max(e.at) FROM events e
        WHERE e.order_id = disputes.order_id AND e.action IN ('escalate', 'dispute-timeout') AND e.to_state = 'disputed'
          AND e.at >= disputes.opened_at AND (disputes.resolved_at IS NULL OR e.at <= disputes.resolved_at))
    WHERE kind IS NOT NULL AND escalated_at IS NULL;
    """

    static let sql = """
    CREATE INDEX IF NOT EXISTS disputes_escalated ON disputes(escalated_at, id)
        WHERE stage = 'escalated' AND resolved_at IS NULL AND due_at IS NULL;
    """

    static let step: Migrator.Step = { db in
        if try db.addColumnIfMissing("disputes", "escalated_at", "INTEGER") { try db.execute(backfill) }
        try db.execute(sql)
        try db.editingTableDefinitions {
            for (old, new) in [(SchemaV7.kinds, kinds), (SchemaV7.remedies, remedies)] {
                try db.run("""
                    UPDATE sqlite_schema SET sql = replace(sql, ?, ?)
                    WHERE type = 'table' AND name IN ('disputes', 'dispute_proposals')
                    """, [.text("IN (\(old))"), .text("IN (\(new))")])
            }
        }
    }
}
