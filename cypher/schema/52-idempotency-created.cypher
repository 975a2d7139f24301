// Schema: idempotency-created, created when missing.
CREATE INDEX idempotency_created IF NOT EXISTS FOR (i:IdempotencyKey) ON (i.createdAt)
