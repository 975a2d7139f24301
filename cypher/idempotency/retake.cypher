// Takes over a key whose request never answered.
// @param key
// @param at
MATCH (i:IdempotencyKey {key: $key})
WHERE i.status IS NULL
SET i.createdAt = $at
