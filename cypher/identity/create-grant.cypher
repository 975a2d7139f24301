// Grants a role on a namespace or registry to a principal or team.
// @param key
// @param resourceKind
// @param resourceId
// @param principalId
// @param teamId
// @param memberName
// @param memberKind
// @param role
// @param at
// @param by
MERGE (q:Sequence {name: 'Grant'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (g:Grant {
  key: $key, seq: q.value, resourceKind: $resourceKind, resourceId: $resourceId,
  principalId: $principalId, teamId: $teamId, memberName: $memberName, memberKind: $memberKind,
  role: $role, createdAt: $at, createdBy: $by})
