-- Connections: one row per store a user connected. Values are JSON objects keyed by field key;
-- secret values are stored encrypted ("enc:v1:..."), or as an unresolved reference ("${env:NAME}").
CREATE TABLE connection (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    platform    TEXT NOT NULL,
    credentials TEXT NOT NULL,
    settings    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
