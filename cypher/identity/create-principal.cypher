// Creates a user or service account.
// @param name
// @param kind
// @param isAdministrator
// @param homeNamespaceId
// @param homeNamespace
// @param at
// @param by
MERGE (q:Sequence {name: 'Principal'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (p:Principal {
  id: q.value, name: $name, kind: $kind, isAdministrator: $isAdministrator,
  homeNamespaceId: $homeNamespaceId, homeNamespace: $homeNamespace, createdAt: $at, createdBy: $by})
RETURN p {.*} AS principal
