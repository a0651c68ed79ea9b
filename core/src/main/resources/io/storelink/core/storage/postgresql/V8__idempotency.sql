-- PostgreSQL's version of sqlite/V8.
CREATE TABLE idempotency_key (
    scope          TEXT NOT NULL,
    key            TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,
    answer_status  INTEGER,
    answer_body    BYTEA,
    created_at     TEXT COLLATE "C" NOT NULL,
    claimed_at     TEXT COLLATE "C" NOT NULL,
    claimed_by     TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);
