// Revokes the keys an earlier LINEAGE_ADMIN_KEY set, all but the current one.
// @param keep
// @param at
// @param by
MATCH (k:ApiKey {source: 'ENVIRONMENT'})
WHERE k.id <> $keep AND k.revokedAt IS NULL
SET k.revokedAt = $at, k.revokedBy = $by
