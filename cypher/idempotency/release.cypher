// Gives up a key whose request could not be answered, so that a retry runs it.
// @param key
MATCH (i:IdempotencyKey {key: $key})
WHERE i.status IS NULL
DELETE i
