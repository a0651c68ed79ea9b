-- PostgreSQL's version of sqlite/V7.
ALTER TABLE connection ADD COLUMN import_interval_seconds BIGINT;
ALTER TABLE shipment ADD COLUMN retry_at BIGINT;
ALTER TABLE shipment ADD COLUMN failures BIGINT NOT NULL DEFAULT 0;
CREATE INDEX shipment_by_state_only ON shipment (state, connection_id);
