import TradeGuardCore

/// Schema version 9 (issue 21): the refund an agreed or decided dispute makes due is recorded as
/// paid — when, and the transfer's reference — on the dispute's row. Until then the refund is the
/// order's running deadline, waiting on the supplier (its Overview shows it). Refunded orders whose
/// refund is due therefore get their derived deadline columns recomputed once, as schema 4 did:
/// `check` compares the stored columns with the derivation.
enum SchemaV9 {
    static let columns: [(String, String)] = [
        ("refund_paid_at", "INTEGER"),
        ("refund_reference", "TEXT"),
    ]

    /// Safe to run again on a database that has it (upgrade tests wind `user_version` back).
    static let step: Migrator.Step = { db in
        for (column, definition) in columns { try db.addColumnIfMissing("disputes", column, definition) }
        try DeadlineRecompute.run(db, ordersIn: """
            SELECT id FROM orders WHERE state = 'refunded'
            AND EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = orders.id AND d.refund_due IS NOT NULL)
            """)
    }
}
