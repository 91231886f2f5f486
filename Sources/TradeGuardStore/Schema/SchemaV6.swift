import TradeGuardCore

/// Schema version 6: the filter finds what people type (issue 19). The search text becomes one
/// folded document per order — code, both handles and names, state, lines, carrier and
/// tracking — so case, accents and compatibility forms no longer hide a match, and a new table
/// of one- and two-character pieces finds the short CJK words a trigram cannot. Both are
/// derived: rebuilt here from the orders (whatever was there before), and kept in step by every
/// write after.
enum SchemaV6 {
    static let sql = """
    DROP TABLE IF EXISTS order_search;
    DROP TABLE IF EXISTS order_grams;
    CREATE VIRTUAL TABLE order_search USING fts5(text, tokenize = 'trigram');
    CREATE TABLE order_grams (
        gram TEXT NOT NULL,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        PRIMARY KEY (gram, order_id)
    ) WITHOUT ROWID;
    CREATE INDEX order_grams_by_order ON order_grams(order_id);
    """

    static let step: Migrator.Step = { db in
        try db.execute(sql)
        try SearchIndex(db: db).rewriteAll()
    }
}
