// Runs by id, in the order asked.
// @param ids
UNWIND range(0, size($ids) - 1) AS i
MATCH (r:Run {id: $ids[i]})
RETURN r {.*} AS run
ORDER BY i
