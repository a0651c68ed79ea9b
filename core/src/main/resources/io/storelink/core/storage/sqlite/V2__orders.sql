-- Imported orders: each order once per connection; payload is the canonical order as JSON.
CREATE TABLE imported_order (
    id                INTEGER PRIMARY KEY,
    connection_id     INTEGER NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    platform_order_id TEXT NOT NULL,
    order_number      TEXT NOT NULL,
    status            TEXT NOT NULL,
    placed_at         TEXT NOT NULL,
    imported_at       TEXT NOT NULL,
    run_id            INTEGER,
    fulfilment        TEXT NOT NULL DEFAULT 'open',
    payload           TEXT NOT NULL,
    UNIQUE (connection_id, platform_order_id)
);
CREATE INDEX imported_order_by_number ON imported_order (connection_id, order_number);

-- Where the next import of a connection continues; written in the same transaction as the orders of a batch.
CREATE TABLE import_cursor (
    connection_id INTEGER PRIMARY KEY REFERENCES connection (id) ON DELETE CASCADE,
    cursor        TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- One row per import run, for the status view.
CREATE TABLE import_run (
    id               INTEGER PRIMARY KEY,
    connection_id    INTEGER NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    result           TEXT NOT NULL,
    found            INTEGER NOT NULL DEFAULT 0,
    imported         INTEGER NOT NULL DEFAULT 0,
    already_imported INTEGER NOT NULL DEFAULT 0,
    held_back        INTEGER NOT NULL DEFAULT 0,
    failed           INTEGER NOT NULL DEFAULT 0,
    duration_ms      INTEGER,
    error            TEXT
);
CREATE INDEX import_run_by_connection ON import_run (connection_id, id);

-- Orders the connector could not read, per run, so a user can see which and why.
CREATE TABLE import_failure (
    run_id            INTEGER NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    platform_order_id TEXT NOT NULL,
    reason            TEXT NOT NULL
);
