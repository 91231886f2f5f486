/// Schema version 1. Conventions: money in integer minor units of the order's currency (`*_usd`
/// columns in US cents); instants as seconds since the epoch (UTC); calendar dates as days since
/// 1970-01-01. Every table is STRICT; every rule the domain enforces is repeated as a CHECK so
/// another program writing the file cannot store nonsense either.
enum SchemaV1 {
    static let states = "'draft','awaitingConfirmation','awaitingPayment','advancePaid','inProduction','readyToShip','shipped','completed','closed','cancelled','disputed','refunded'"

    static let sql = """
    CREATE TABLE settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kind TEXT NOT NULL CHECK (kind IN ('demo', 'real')),
        clock INTEGER,                         -- the simulated now of a demo database
        created_at INTEGER NOT NULL,
        CHECK ((kind = 'demo') = (clock IS NOT NULL))
    ) STRICT;

    CREATE TABLE parties (
        id INTEGER PRIMARY KEY,
        handle TEXT NOT NULL UNIQUE CHECK (length(handle) BETWEEN 2 AND 32),
        kind TEXT NOT NULL CHECK (kind IN ('supplier', 'buyer', 'platform')),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        country TEXT NOT NULL CHECK (length(country) = 2),
        email TEXT NOT NULL,
        verification TEXT NOT NULL CHECK (verification IN ('none', 'licence', 'onsite')),
        member_since INTEGER NOT NULL,
        activated_at INTEGER,
        violation_points INTEGER NOT NULL DEFAULT 0 CHECK (violation_points BETWEEN 0 AND 1000),
        -- The current limit and reservations, kept in the same transaction as every change
        -- (title bars read them in O(1)); `check` verifies them against recomputes and ledger.
        granted_usd INTEGER NOT NULL DEFAULT 0 CHECK (granted_usd BETWEEN 0 AND 100000000),
        reserved_usd INTEGER NOT NULL DEFAULT 0 CHECK (reserved_usd >= 0),
        CHECK (kind = 'supplier' OR (activated_at IS NULL AND granted_usd = 0 AND reserved_usd = 0))
    ) STRICT;

    -- Every recompute of a supplier's limit, with its inputs and terms (the Limits screen explains them).
    CREATE TABLE limit_recomputes (
        id INTEGER PRIMARY KEY,
        supplier_id INTEGER NOT NULL REFERENCES parties(id),
        at INTEGER NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('notActivated', 'active', 'suspended')),
        verification TEXT NOT NULL,
        member_years INTEGER NOT NULL,
        closed_value_usd INTEGER NOT NULL CHECK (closed_value_usd >= 0),
        closed_count INTEGER NOT NULL CHECK (closed_count >= 0),
        violation_points INTEGER NOT NULL,
        base_usd INTEGER NOT NULL, tenure_usd INTEGER NOT NULL, volume_usd INTEGER NOT NULL, count_usd INTEGER NOT NULL,
        penalty_percent INTEGER NOT NULL CHECK (penalty_percent BETWEEN 0 AND 100),
        granted_usd INTEGER NOT NULL CHECK (granted_usd BETWEEN 0 AND 100000000)
    ) STRICT;
    CREATE INDEX limit_recomputes_by_supplier ON limit_recomputes(supplier_id, id);

    CREATE TABLE exchange_rates (
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        effective INTEGER NOT NULL,
        micros_per_usd INTEGER NOT NULL CHECK (micros_per_usd > 0),
        set_at INTEGER NOT NULL,
        PRIMARY KEY (currency, effective)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE orders (
        id INTEGER PRIMARY KEY CHECK (id > 0),           -- the number in TG-0000042
        supplier_id INTEGER NOT NULL REFERENCES parties(id),
        buyer_id INTEGER NOT NULL REFERENCES parties(id),
        supplier_name TEXT NOT NULL COLLATE NOCASE,      -- copies for sorting by counterparty
        buyer_name TEXT NOT NULL COLLATE NOCASE,
        initiator TEXT NOT NULL CHECK (initiator IN ('supplier', 'buyer')),
        state TEXT NOT NULL CHECK (state IN (\(states))),
        version INTEGER NOT NULL CHECK (version >= 1),
        waiting_on TEXT CHECK (waiting_on IN ('supplier', 'buyer', 'platform')),
        next_deadline INTEGER,
        next_deadline_kind TEXT,
        -- next_deadline with "none" last, so keyset paging never compares NULLs.
        deadline_sort INTEGER NOT NULL,
        timeout_at INTEGER,
        -- Which work queue the order sits in for each side (see OrderQueue), and whether the
        -- buyer can pay something now: the tabs page on these through their own indexes.
        supplier_queue TEXT NOT NULL,
        buyer_queue TEXT NOT NULL,
        payable INTEGER NOT NULL CHECK (payable IN (0, 1)),
        kind TEXT NOT NULL CHECK (kind IN ('rts', 'custom')),
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        total INTEGER NOT NULL CHECK (total BETWEEN 0 AND 1000000000000000),
        -- USD value for sorting across currencies: the confirmed value, else an estimate at the
        -- latest rate when last written.
        sort_total_usd INTEGER NOT NULL CHECK (sort_total_usd >= 0),
        incoterm TEXT NOT NULL,
        named_place TEXT NOT NULL,
        shipping_method TEXT NOT NULL CHECK (shipping_method IN ('sea', 'air', 'express', 'land')),
        ship_rule TEXT NOT NULL CHECK (ship_rule IN ('fixed', 'afterAdvance', 'afterBalance')),
        ship_value INTEGER NOT NULL,                    -- the fixed date (days) or N days
        expected_delivery INTEGER,
        destination TEXT NOT NULL,
        freight INTEGER NOT NULL CHECK (freight >= 0),
        insurance INTEGER NOT NULL CHECK (insurance >= 0),
        advance INTEGER NOT NULL CHECK (advance >= 0),
        balance_due TEXT NOT NULL CHECK (balance_due IN ('beforeShipment', 'afterShipment')),
        remarks TEXT NOT NULL,
        paid_advance INTEGER NOT NULL DEFAULT 0 CHECK (paid_advance BETWEEN 0 AND advance),
        paid_balance INTEGER NOT NULL DEFAULT 0 CHECK (paid_balance >= 0 AND paid_balance <= max(0, total - advance)),
        created_at INTEGER NOT NULL,
        submitted_at INTEGER, confirmed_at INTEGER, advance_paid_at INTEGER, balance_paid_at INTEGER,
        production_started_at INTEGER, ready_at INTEGER, received_at INTEGER, ended_at INTEGER,
        total_usd INTEGER, covered_usd INTEGER, rate_micros INTEGER, rate_effective INTEGER,
        extension_days INTEGER NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 90),
        receipt_extended_supplier INTEGER NOT NULL DEFAULT 0 CHECK (receipt_extended_supplier IN (0, 1)),
        receipt_extended_buyer INTEGER NOT NULL DEFAULT 0 CHECK (receipt_extended_buyer IN (0, 1)),
        refunded INTEGER CHECK (refunded >= 0),
        last_reason TEXT,
        CHECK (supplier_id <> buyer_id),
        CHECK ((covered_usd IS NULL) = (total_usd IS NULL) AND (covered_usd IS NULL OR covered_usd BETWEEN 0 AND total_usd)),
        CHECK (state IN ('draft', 'awaitingConfirmation', 'cancelled') OR covered_usd IS NOT NULL),
        CHECK (state NOT IN ('shipped', 'completed', 'closed') OR paid_advance = advance)
    ) STRICT;
    -- Every list the UI offers is a keyset page over one of these (party, key…, id) indexes.
    CREATE INDEX orders_supplier_by_code ON orders(supplier_id, id);
    CREATE INDEX orders_supplier_by_deadline ON orders(supplier_id, deadline_sort, id);
    CREATE INDEX orders_supplier_by_buyer ON orders(supplier_id, buyer_name, id);
    CREATE INDEX orders_supplier_by_total ON orders(supplier_id, sort_total_usd, id);
    CREATE INDEX orders_supplier_by_state ON orders(supplier_id, state, deadline_sort, id);
    CREATE INDEX orders_supplier_queue ON orders(supplier_id, supplier_queue, deadline_sort, id);
    CREATE INDEX orders_supplier_waiting ON orders(supplier_id, waiting_on, deadline_sort, id);
    CREATE INDEX orders_supplier_payable ON orders(supplier_id, payable, deadline_sort, id);
    CREATE INDEX orders_buyer_by_code ON orders(buyer_id, id);
    CREATE INDEX orders_buyer_by_deadline ON orders(buyer_id, deadline_sort, id);
    CREATE INDEX orders_buyer_by_supplier ON orders(buyer_id, supplier_name, id);
    CREATE INDEX orders_buyer_by_total ON orders(buyer_id, sort_total_usd, id);
    CREATE INDEX orders_buyer_by_state ON orders(buyer_id, state, deadline_sort, id);
    CREATE INDEX orders_buyer_queue ON orders(buyer_id, buyer_queue, deadline_sort, id);
    CREATE INDEX orders_buyer_waiting ON orders(buyer_id, waiting_on, deadline_sort, id);
    CREATE INDEX orders_buyer_payable ON orders(buyer_id, payable, deadline_sort, id);
    -- The sweep: only orders with a timeout pending.
    CREATE INDEX orders_timeouts ON orders(timeout_at) WHERE timeout_at IS NOT NULL;
    -- Limit growth: closed orders per supplier by closing time.
    CREATE INDEX orders_closed ON orders(supplier_id, ended_at) WHERE state = 'closed';

    -- Tab counts without scanning: one row per (party, side, state, initiator, payable), kept in
    -- the same transaction as every change. Every tab's count is a sum of a few of these rows.
    CREATE TABLE order_counts (
        party_id INTEGER NOT NULL REFERENCES parties(id),
        side TEXT NOT NULL CHECK (side IN ('supplier', 'buyer')),
        state TEXT NOT NULL,
        initiator TEXT NOT NULL,
        payable INTEGER NOT NULL,
        n INTEGER NOT NULL CHECK (n >= 0),
        PRIMARY KEY (party_id, side, state, initiator, payable)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE order_lines (
        order_id INTEGER NOT NULL REFERENCES orders(id),
        line_no INTEGER NOT NULL CHECK (line_no >= 1),
        description TEXT NOT NULL,
        quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
        unit TEXT NOT NULL,
        unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
        quality TEXT NOT NULL,
        inspection INTEGER NOT NULL CHECK (inspection IN (0, 1)),
        PRIMARY KEY (order_id, line_no)
    ) STRICT, WITHOUT ROWID;

    -- The schedule agreed at confirmation (frozen from then on).
    CREATE TABLE payment_terms (
        order_id INTEGER NOT NULL REFERENCES orders(id),
        term TEXT NOT NULL CHECK (term IN ('advance', 'balance')),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        due TEXT NOT NULL,
        PRIMARY KEY (order_id, term)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE payment_links (
        order_id INTEGER PRIMARY KEY REFERENCES orders(id),
        token TEXT NOT NULL UNIQUE CHECK (length(token) = 26),
        issued_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        idempotency_key TEXT NOT NULL UNIQUE,
        term TEXT NOT NULL CHECK (term IN ('advance', 'balance')),
        amount INTEGER NOT NULL CHECK (amount > 0),
        currency TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('tt', 'card', 'bank')),
        at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX payments_by_order ON payments(order_id, id);

    CREATE TABLE checklist_ticks (
        order_id INTEGER NOT NULL REFERENCES orders(id),
        item TEXT NOT NULL CHECK (item IN ('contact', 'advance', 'quality', 'quantities', 'documents', 'export', 'incoterm', 'destination', 'shipdate', 'marks')),
        by_party TEXT NOT NULL,
        at INTEGER NOT NULL,
        note TEXT NOT NULL,
        PRIMARY KEY (order_id, item)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        by_party TEXT NOT NULL,
        at INTEGER NOT NULL,
        note TEXT NOT NULL
    ) STRICT;
    CREATE INDEX contacts_by_order ON contacts(order_id, id);

    CREATE TABLE shipments (
        order_id INTEGER PRIMARY KEY REFERENCES orders(id),
        carrier TEXT NOT NULL,
        tracking TEXT NOT NULL,
        at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE extension_requests (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 90),
        reason TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        answer TEXT CHECK (answer IN ('accepted', 'declined')),
        answered_at INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX extension_one_pending ON extension_requests(order_id) WHERE answer IS NULL;

    CREATE TABLE disputes (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        reason TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        opened_at INTEGER NOT NULL,
        from_state TEXT NOT NULL,
        refund INTEGER CHECK (refund >= 0),
        resolved_at INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX disputes_one_open ON disputes(order_id) WHERE resolved_at IS NULL;

    -- The audit trail: one global hash chain, append-only.
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        order_id INTEGER REFERENCES orders(id),
        from_state TEXT,
        to_state TEXT,
        payload TEXT NOT NULL,                 -- key/value pairs, see EventCodec
        -- Not UNIQUE: the chain itself proves integrity, and a unique index over random
        -- hashes would cost a random B-tree insert per event.
        hash BLOB NOT NULL CHECK (length(hash) = 32)
    ) STRICT;
    CREATE INDEX events_by_order ON events(order_id, id) WHERE order_id IS NOT NULL;
    CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

    -- The limit ledger: reserve on confirmation, release exactly once; append-only.
    CREATE TABLE limit_ledger (
        id INTEGER PRIMARY KEY,
        supplier_id INTEGER NOT NULL REFERENCES parties(id),
        order_id INTEGER REFERENCES orders(id),
        kind TEXT NOT NULL CHECK (kind IN ('reserve', 'release', 'adjust')),
        amount_usd INTEGER NOT NULL CHECK (amount_usd > 0),
        rate_micros INTEGER,
        at INTEGER NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id)
    ) STRICT;
    CREATE UNIQUE INDEX limit_ledger_once ON limit_ledger(order_id, kind) WHERE kind IN ('reserve', 'release');
    CREATE INDEX limit_ledger_by_supplier ON limit_ledger(supplier_id, id);
    CREATE TRIGGER limit_ledger_append_only_update BEFORE UPDATE ON limit_ledger
        BEGIN SELECT RAISE(ABORT, 'the limit ledger is append-only'); END;
    CREATE TRIGGER limit_ledger_append_only_delete BEFORE DELETE ON limit_ledger
        BEGIN SELECT RAISE(ABORT, 'the limit ledger is append-only'); END;

    -- Text search: substrings in any script from 3 characters (trigram). Rows are written by the
    -- store in the same transaction (triggers cannot touch virtual tables under trusted_schema=OFF).
    CREATE VIRTUAL TABLE order_search USING fts5(code, supplier_name, buyer_name, lines, tokenize = 'trigram');
    """
}
