// A user or service account by id.
// @param id
MATCH (p:Principal {id: $id})
RETURN p {.*} AS principal
