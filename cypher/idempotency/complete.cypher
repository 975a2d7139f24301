// Records the answer of the request that claimed a key.
// @param key
// @param status
// @param contentType
// @param body
// @param access
MATCH (i:IdempotencyKey {key: $key})
WHERE i.status IS NULL
SET i.status = $status, i.contentType = $contentType, i.body = $body, i.access = $access
