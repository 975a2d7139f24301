// Artifacts by id.
// @param ids
UNWIND $ids AS id
MATCH (a:Artifact {id: id})
RETURN a {.*} AS artifact
