-- Leases: a row being worked on names the process that holds it and until when (epoch milliseconds). The holder
-- renews the lease while it works; once it has expired, the process is taken to be gone and another may take over.
ALTER TABLE shipment ADD COLUMN lease_owner TEXT;
ALTER TABLE shipment ADD COLUMN lease_until INTEGER;
ALTER TABLE import_run ADD COLUMN lease_owner TEXT;
ALTER TABLE import_run ADD COLUMN lease_until INTEGER;
CREATE INDEX import_run_running ON import_run (connection_id, result);

-- The states are closed sets: the database refuses any other value, as the host's enums do.
CREATE TRIGGER shipment_state_insert BEFORE INSERT ON shipment WHEN NEW.state NOT IN ('pending', 'sending', 'sent', 'failed') BEGIN SELECT RAISE(ABORT, 'shipment.state must be pending, sending, sent or failed'); END;
CREATE TRIGGER shipment_state_update BEFORE UPDATE OF state ON shipment WHEN NEW.state NOT IN ('pending', 'sending', 'sent', 'failed') BEGIN SELECT RAISE(ABORT, 'shipment.state must be pending, sending, sent or failed'); END;
CREATE TRIGGER import_run_result_insert BEFORE INSERT ON import_run WHEN NEW.result NOT IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted') BEGIN SELECT RAISE(ABORT, 'import_run.result must be running, succeeded, failed, cancelled or interrupted'); END;
CREATE TRIGGER import_run_result_update BEFORE UPDATE OF result ON import_run WHEN NEW.result NOT IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted') BEGIN SELECT RAISE(ABORT, 'import_run.result must be running, succeeded, failed, cancelled or interrupted'); END;
CREATE TRIGGER imported_order_fulfilment_insert BEFORE INSERT ON imported_order WHEN NEW.fulfilment NOT IN ('open', 'partly_shipped', 'shipped') BEGIN SELECT RAISE(ABORT, 'imported_order.fulfilment must be open, partly_shipped or shipped'); END;
CREATE TRIGGER imported_order_fulfilment_update BEFORE UPDATE OF fulfilment ON imported_order WHEN NEW.fulfilment NOT IN ('open', 'partly_shipped', 'shipped') BEGIN SELECT RAISE(ABORT, 'imported_order.fulfilment must be open, partly_shipped or shipped'); END;
