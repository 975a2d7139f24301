// Users and service accounts by id, in the order asked.
// @param ids
UNWIND range(0, size($ids) - 1) AS i
MATCH (p:Principal {id: $ids[i]})
RETURN p {.*} AS principal
ORDER BY i
