// Revokes an API key.
// @param id
// @param at
// @param by
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = $at, k.revokedBy = $by
