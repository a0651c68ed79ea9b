-- PostgreSQL's version of sqlite/V5: lease expiries are epoch milliseconds; the closed sets of states are CHECK
-- constraints where SQLite has triggers.
ALTER TABLE shipment ADD COLUMN lease_owner TEXT;
ALTER TABLE shipment ADD COLUMN lease_until BIGINT;
ALTER TABLE import_run ADD COLUMN lease_owner TEXT;
ALTER TABLE import_run ADD COLUMN lease_until BIGINT;
CREATE INDEX import_run_running ON import_run (connection_id, result);

ALTER TABLE shipment ADD CONSTRAINT shipment_state CHECK (state IN ('pending', 'sending', 'sent', 'failed'));
ALTER TABLE import_run ADD CONSTRAINT import_run_result
    CHECK (result IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted'));
ALTER TABLE imported_order ADD CONSTRAINT imported_order_fulfilment
    CHECK (fulfilment IN ('open', 'partly_shipped', 'shipped'));
