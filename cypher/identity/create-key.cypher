// Stores a new API key: its id and the SHA-256 of its secret, never the secret.
// @param id
// @param principalId
// @param principalName
// @param name
// @param hash
// @param source
// @param expiresAt
// @param at
// @param by
MERGE (q:Sequence {name: 'ApiKey'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (k:ApiKey {
  id: $id, seq: q.value, principalId: $principalId, principalName: $principalName, name: $name,
  secretHash: $hash, source: $source, expiresAt: $expiresAt, createdAt: $at, createdBy: $by})
