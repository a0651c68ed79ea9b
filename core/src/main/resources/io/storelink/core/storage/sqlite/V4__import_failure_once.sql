-- An unreadable order that a connector returns twice in one run (batches may overlap) is recorded once.
CREATE UNIQUE INDEX import_failure_once ON import_failure (run_id, platform_order_id);
