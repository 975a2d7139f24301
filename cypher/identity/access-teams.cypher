// The teams a principal holds a role in.
// @param principalId
MATCH (g:Grant {principalId: $principalId, resourceKind: 'NAMESPACE'})
MATCH (t:Namespace {id: g.resourceId, kind: 'TEAM'})
RETURN t.id AS id
