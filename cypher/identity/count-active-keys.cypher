// How many keys a principal holds that are neither revoked nor expired.
// @param principalId
// @param now
MATCH (k:ApiKey {principalId: $principalId})
WHERE k.revokedAt IS NULL AND (k.expiresAt IS NULL OR k.expiresAt > $now)
RETURN count(k) AS active
