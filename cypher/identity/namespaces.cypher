// Namespaces by id, in the order asked.
// @param ids
UNWIND range(0, size($ids) - 1) AS i
MATCH (n:Namespace {id: $ids[i]})
RETURN n {.*} AS namespace
ORDER BY i
