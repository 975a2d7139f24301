// Forgets the answers to requests older than the retention time.
// @param expired
MATCH (i:IdempotencyKey)
WHERE i.createdAt < $expired
DELETE i
