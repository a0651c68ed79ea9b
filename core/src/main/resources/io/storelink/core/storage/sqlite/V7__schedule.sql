-- The scheduler: a connection may import on its own interval (seconds; NULL follows storelink.schedule.import-interval).
ALTER TABLE connection ADD COLUMN import_interval_seconds INTEGER;
-- The outbox drain: a notification that failed for a reason that may pass (the store was unavailable, refused the
-- credentials, the connection's values were wrong) is sent again from retry_at (epoch milliseconds), later after each
-- failure (failures counts them); NULL is never sent again by itself (the store rejected it, it is sent already).
ALTER TABLE shipment ADD COLUMN retry_at INTEGER;
ALTER TABLE shipment ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
-- What the drain looks for, over every connection, without reading the sent notifications.
CREATE INDEX shipment_by_state_only ON shipment (state, connection_id);
