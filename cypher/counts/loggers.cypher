// The number of children per parent (loggers) the caller may see.
// @param parents
// @param visible
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Run)-[e:LOGGED]->(:ArtifactVersion {id: parent})
  WHERE $visible IS NULL OR c.namespaceId IN $visible
  RETURN count(*) AS count
}
RETURN parent, count
