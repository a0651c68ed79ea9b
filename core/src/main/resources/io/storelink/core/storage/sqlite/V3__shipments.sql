-- The outbox of ship notifications: a row is written before anything is sent, and its state says how far it got.
CREATE TABLE shipment (
    id                INTEGER PRIMARY KEY,
    connection_id     INTEGER NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    order_number      TEXT NOT NULL,
    platform_order_id TEXT,
    request           TEXT NOT NULL,
    idempotency_key   TEXT NOT NULL UNIQUE,
    state             TEXT NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    remote_id         TEXT,
    shipped           TEXT,
    already_existed   INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX shipment_by_state ON shipment (connection_id, state);
CREATE INDEX shipment_by_order ON shipment (connection_id, order_number);
