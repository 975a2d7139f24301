// How many namespaces the caller may see (all when visible is null).
// @param visible
MATCH (n:Namespace)
WHERE $visible IS NULL OR n.id IN $visible
RETURN count(n) AS count
