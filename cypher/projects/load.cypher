// Projects by id.
// @param ids
UNWIND $ids AS id
MATCH (p:Project {id: id})
RETURN p {.*} AS project
