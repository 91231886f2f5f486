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
enum SchemaV11 {
    static let kinds = SchemaV7.kinds + ",'balance-unpaid'"
    static let remedies = SchemaV7.remedies + ",'pay-balance'"

    static let step: Migrator.Step = { db in
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
