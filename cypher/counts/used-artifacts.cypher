// The number of children per parent (used-artifacts) the caller may see.
// @param parents
// @param visible
UNWIND $parents AS parent
CALL (parent) {
  MATCH (:Run {id: parent})-[e:USED]->(c:ArtifactVersion)
  WHERE $visible IS NULL OR c.namespaceId IN $visible
  RETURN count(*) AS count
}
RETURN parent, count
