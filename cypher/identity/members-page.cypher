// A page of the grants on a namespace or registry, oldest first.
// @param resourceKind
// @param resourceId
// @param after
// @param limit
MATCH (g:Grant {resourceKind: $resourceKind, resourceId: $resourceId})
WHERE g.seq > $after
RETURN g {.*} AS grant
ORDER BY g.seq
LIMIT $limit
