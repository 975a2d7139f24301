// A page of a principal's keys, newest first; after = 0 starts at the newest.
// @param principalId
// @param all
// @param after
// @param limit
MATCH (k:ApiKey {principalId: $principalId})
WHERE ($after = 0 OR k.seq < $after) AND ($all OR k.revokedAt IS NULL)
RETURN k {.*, secretHash: null} AS key
ORDER BY k.seq DESC
LIMIT $limit
