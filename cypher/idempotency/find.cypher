// What a principal's Idempotency-Key holds: the request's fingerprint and, once answered, the answer.
// @param key
MATCH (i:IdempotencyKey {key: $key})
RETURN i {.*} AS entry
