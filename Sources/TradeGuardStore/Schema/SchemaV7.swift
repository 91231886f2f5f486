/// Schema version 7 (issue 21, disputes): a dispute opened with a kind and a remedy is
/// negotiated. The `disputes` row gains its kind, its stage (whose move), the answer's due
/// date, the supplier's evidence request and, once it ends, its outcome, the remedy applied,
/// the refund's deadline, the violation points and the platform's reasoning. Proposals and
/// evidence are rows of their own. Buyers get a tier (the protection window: 30 or 60 days) and
/// orders the window fixed at receipt. Older disputes keep NULL in every new column.
///
/// The global replay index also takes the dispute endings that may give violation points
/// (their events carry the supplier's row and limit recompute, as a close carries its recompute).
enum SchemaV7 {
    static let kinds = "'not-shipped','not-received','not-as-agreed','damaged'"
    static let stages = "'awaiting-supplier','awaiting-buyer','awaiting-evidence','escalated'"
    static let remedies = "'full-refund','partial-refund','return-and-refund','replacement','none'"
    /// The order actions the global replay pass reads besides parties' and rates' events.
    static let globalActions = "'close', 'agree', 'decide', 'dispute-timeout'"

    /// Columns added to older tables: (table, column, definition). Added only where missing, so
    /// the step is idempotent like the earlier ones (a file taken back to an older user_version
    /// runs it again).
    static let columns: [(String, String, String)] = [
        ("parties", "buyer_tier", "TEXT NOT NULL DEFAULT 'standard' CHECK (buyer_tier IN ('standard', 'enterprise'))"),
        ("orders", "protection_days", "INTEGER NOT NULL DEFAULT 30 CHECK (protection_days IN (30, 60))"),
        ("disputes", "kind", "TEXT CHECK (kind IN (\(kinds)))"),
        ("disputes", "stage", "TEXT CHECK (stage IN (\(stages)))"),
        ("disputes", "due_at", "INTEGER"),
        ("disputes", "evidence_request", "TEXT"),
        ("disputes", "outcome", "TEXT CHECK (outcome IN ('agreed', 'decided', 'withdrawn', 'lapsed'))"),
        ("disputes", "remedy", "TEXT CHECK (remedy IN (\(remedies)))"),
        ("disputes", "refund_due", "INTEGER"),                  // a day: the supplier refunds by its end
        ("disputes", "points", "INTEGER CHECK (points >= 0)"),
        ("disputes", "reasoning", "TEXT"),
    ]

    static let sql = """
    -- An order's last outcome is read with the order; its Disputes tab lists by stage.
    CREATE INDEX IF NOT EXISTS disputes_outcomes ON disputes(order_id, id) WHERE outcome IS NOT NULL;
    CREATE INDEX IF NOT EXISTS disputes_by_stage ON disputes(stage, due_at) WHERE resolved_at IS NULL AND stage IS NOT NULL;

    -- The thread: the buyer's claim and edits, the supplier's counters. The last is on the table.
    CREATE TABLE IF NOT EXISTS dispute_proposals (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        dispute_id INTEGER NOT NULL REFERENCES disputes(id),
        by_side TEXT NOT NULL CHECK (by_side IN ('supplier', 'buyer')),
        remedy TEXT NOT NULL CHECK (remedy IN (\(remedies))),
        refund INTEGER NOT NULL CHECK (refund >= 0),
        note TEXT NOT NULL,
        at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS dispute_proposals_by_order ON dispute_proposals(order_id, id);

    CREATE TABLE IF NOT EXISTS dispute_evidence (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        dispute_id INTEGER NOT NULL REFERENCES disputes(id),
        description TEXT NOT NULL CHECK (length(description) >= 1),
        reference TEXT NOT NULL,
        by_party TEXT NOT NULL,
        at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS dispute_evidence_by_order ON dispute_evidence(order_id, id);

    DROP INDEX IF EXISTS events_global;
    CREATE INDEX events_global ON events(id) WHERE order_id IS NULL OR action IN (\(globalActions));
    """

    static let step: Migrator.Step = { db in
        for (table, column, definition) in columns { try db.addColumnIfMissing(table, column, definition) }
        try db.execute(sql)
    }
}
