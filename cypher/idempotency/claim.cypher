// Claims an Idempotency-Key for a request that is about to run.
// @param key
// @param fingerprint
// @param at
CREATE (:IdempotencyKey {key: $key, fingerprint: $fingerprint, createdAt: $at})
