import TradeGuardCore

/// Schema version 8: changes after confirmation (issue 21). Orders get the guaranteed-date flag
/// of their contract (0 for every order before it: the flag did not exist), and amendments are
/// kept whole — the proposed contract in its canonical encoding, the route's freight quote, the
/// reason and the answer — one row per proposal, at most one waiting per order. The extension
/// ledger needs no table: `extension_requests` already keeps every request with its answer.
enum SchemaV8 {
    static let flag = "INTEGER NOT NULL DEFAULT 0 CHECK (guaranteed_date IN (0, 1))"

    static let sql = """
    CREATE TABLE IF NOT EXISTS amendments (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        number INTEGER NOT NULL CHECK (number >= 1),
        proposed_by TEXT NOT NULL CHECK (proposed_by IN ('supplier', 'buyer')),
        proposed_at INTEGER NOT NULL,
        contract TEXT NOT NULL,
        route_freight INTEGER CHECK (route_freight >= 0),
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'rejected', 'superseded')),
        answered_at INTEGER,
        answer_reason TEXT,
        UNIQUE (order_id, number)
    ) STRICT;
    CREATE UNIQUE INDEX IF NOT EXISTS amendments_one_pending ON amendments(order_id) WHERE status = 'requested';
    """

    /// Safe to run again on a database that has it (upgrade tests wind `user_version` back).
    static let step: Migrator.Step = { db in
        try db.addColumnIfMissing("orders", "guaranteed_date", flag)
        try db.execute(sql)
    }
}
