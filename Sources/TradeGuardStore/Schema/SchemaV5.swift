/// Schema version 5 (issue 18): the SSH keys the platform binds to parties. A key is added and
/// revoked through the workflow gate, each time with an event carrying the key's row as it then
/// stands, so `check` compares this table with the log as it does parties. Rows are never
/// deleted (a revoked key stays, so old events still name whose key it was).
enum SchemaV5 {
    static let sql = """
    CREATE TABLE IF NOT EXISTS keys (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE CHECK (fingerprint LIKE 'SHA256:%' AND length(fingerprint) = 50),
        party_id INTEGER NOT NULL REFERENCES parties(id),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        read_only INTEGER NOT NULL CHECK (read_only IN (0, 1)),
        public_key TEXT NOT NULL,              -- "TYPE BASE64", the part authorized_keys needs
        added_at INTEGER NOT NULL,
        added_by TEXT NOT NULL,
        revoked_at INTEGER
    ) STRICT;
    CREATE INDEX IF NOT EXISTS keys_by_party ON keys(party_id);
    CREATE TRIGGER IF NOT EXISTS keys_kept BEFORE DELETE ON keys
        BEGIN SELECT RAISE(ABORT, 'keys are revoked, never deleted'); END;
    """
}
