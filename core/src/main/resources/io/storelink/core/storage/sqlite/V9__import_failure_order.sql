-- The unreadable orders of a run are listed in the order they were found. That order was SQLite's rowid, which
-- PostgreSQL has no counterpart of: it becomes a column of its own, numbered as the rowids were.
CREATE TABLE import_failure_v9 (
    id                INTEGER PRIMARY KEY,
    run_id            INTEGER NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    platform_order_id TEXT NOT NULL,
    reason            TEXT NOT NULL
);
INSERT INTO import_failure_v9 (id, run_id, platform_order_id, reason)
    SELECT rowid, run_id, platform_order_id, reason FROM import_failure;
DROP TABLE import_failure;
ALTER TABLE import_failure_v9 RENAME TO import_failure;
CREATE UNIQUE INDEX import_failure_once ON import_failure (run_id, platform_order_id);
