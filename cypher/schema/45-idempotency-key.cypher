// Schema: idempotency-key, created when missing.
CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (i:IdempotencyKey) REQUIRE i.key IS UNIQUE
