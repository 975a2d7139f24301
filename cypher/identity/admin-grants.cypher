// How many ADMIN grants a namespace has, and whether one member holds one of them.
// @param namespaceId
// @param key
OPTIONAL MATCH (g:Grant {resourceKind: 'NAMESPACE', resourceId: $namespaceId, role: 'ADMIN'})
RETURN count(g) AS admins, count(CASE WHEN g.key = $key THEN 1 END) AS held
