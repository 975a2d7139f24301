// Collections by id, in the order asked.
// @param ids
UNWIND range(0, size($ids) - 1) AS i
MATCH (c:Collection {id: $ids[i]})
RETURN c {.*} AS collection
ORDER BY i
