// Stores the LINEAGE_ADMIN_KEY key, or brings it back if it was revoked or expired.
// @param id
// @param principalId
// @param principalName
// @param hash
// @param at
// @param by
MERGE (q:Sequence {name: 'ApiKey'})
SET q.value = coalesce(q.value, 0) + 1
MERGE (k:ApiKey {id: $id})
ON CREATE SET k.seq = q.value, k.name = 'LINEAGE_ADMIN_KEY', k.createdAt = $at, k.createdBy = $by
SET k.principalId = $principalId, k.principalName = $principalName, k.secretHash = $hash, k.source = 'ENVIRONMENT',
    k.revokedAt = null, k.revokedBy = null, k.expiresAt = null
