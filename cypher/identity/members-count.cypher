// How many grants a namespace or registry has.
// @param resourceKind
// @param resourceId
MATCH (g:Grant {resourceKind: $resourceKind, resourceId: $resourceId})
RETURN count(g) AS count
