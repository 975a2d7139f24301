// Creates a namespace.
// @param name
// @param kind
// @param organizationId
// @param organization
// @param at
// @param by
MERGE (q:Sequence {name: 'Namespace'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (n:Namespace {
  id: q.value, name: $name, kind: $kind, organizationId: $organizationId, organization: $organization,
  createdAt: $at, createdBy: $by})
RETURN n {.*} AS namespace
