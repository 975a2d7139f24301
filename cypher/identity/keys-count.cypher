// How many keys a principal has.
// @param principalId
// @param all
MATCH (k:ApiKey {principalId: $principalId})
WHERE $all OR k.revokedAt IS NULL
RETURN count(k) AS count
