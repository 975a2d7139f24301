// A page of the namespaces the caller may see (all when visible is null), oldest first.
// @param visible
// @param after
// @param limit
MATCH (n:Namespace)
WHERE n.id > $after AND ($visible IS NULL OR n.id IN $visible)
RETURN n {.*} AS namespace
ORDER BY n.id
LIMIT $limit
