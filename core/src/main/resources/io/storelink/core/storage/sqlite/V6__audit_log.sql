-- Who changed which connection, when, and what: the field keys, never a value.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    connection TEXT NOT NULL,
    fields     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_connection ON audit_log (connection, id);
