-- PostgreSQL's version of sqlite/V10: fencing tokens on leased rows, and one running import per connection.
ALTER TABLE shipment ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_run ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0;

UPDATE import_run SET result = 'interrupted', lease_owner = NULL, lease_until = NULL
    WHERE result = 'running' AND id NOT IN (SELECT MAX(id) FROM import_run WHERE result = 'running' GROUP BY connection_id);
CREATE UNIQUE INDEX import_run_one_running ON import_run (connection_id) WHERE result = 'running';
