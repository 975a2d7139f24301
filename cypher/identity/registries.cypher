// Registries by id, in the order asked.
// @param ids
UNWIND range(0, size($ids) - 1) AS i
MATCH (g:Registry {id: $ids[i]})
RETURN g {.*} AS registry
ORDER BY i
