-- Fencing tokens: every claim or take-over of a lease on a row raises its lease_token, and every write the holder
-- makes is conditional on (lease_owner, lease_token), so a holder whose lease was taken over has its late writes
-- refused. A new import run row starts at 1.
ALTER TABLE shipment ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_run ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;

-- One running import per connection, whatever the number of hosts: the database refuses a second 'running' row.
-- Rows left 'running' beside a later one (only a race of releases before this could leave them) end as interrupted.
UPDATE import_run SET result = 'interrupted', lease_owner = NULL, lease_until = NULL
    WHERE result = 'running' AND id NOT IN (SELECT MAX(id) FROM import_run WHERE result = 'running' GROUP BY connection_id);
CREATE UNIQUE INDEX import_run_one_running ON import_run (connection_id) WHERE result = 'running';
