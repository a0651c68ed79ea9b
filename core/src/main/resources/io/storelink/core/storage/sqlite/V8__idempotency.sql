-- The first answer to each API request sent with an Idempotency-Key, so a repeat (also after a restart) gets it
-- instead of acting twice. answer_status is NULL while the first request is still being handled by claimed_by (a
-- process, as leases name it).
CREATE TABLE idempotency_key (
    scope          TEXT NOT NULL,
    key            TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,
    answer_status  INTEGER,
    answer_body    BLOB,
    created_at     TEXT NOT NULL,
    claimed_at     TEXT NOT NULL,
    claimed_by     TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);
