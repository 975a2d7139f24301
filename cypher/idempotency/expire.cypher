// Forgets the answers to requests older than the retention time, at most 100 a call: each
// claim runs it under the write lock, so it stays short, and expired keys are found by index.
// @param expired
MATCH (i:IdempotencyKey)
WHERE i.createdAt < $expired
WITH i
LIMIT 100
DELETE i
