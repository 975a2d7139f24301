-- Answers to requests sent with an Idempotency-Key, per principal, kept 24 hours.
-- status is NULL while the request that claimed the key runs.
CREATE TABLE idempotency_keys (
    principal_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    status INTEGER,
    content_type TEXT,
    body BLOB,
    created_at TEXT NOT NULL,
    PRIMARY KEY (principal_id, key)
) WITHOUT ROWID;

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
