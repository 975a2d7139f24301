// The number of children per parent (used-by) the caller may see.
// @param parents
// @param visible
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Run)-[e:USED]->(:ArtifactVersion {id: parent})
  WHERE $visible IS NULL OR c.namespaceId IN $visible
  RETURN count(*) AS count
}
RETURN parent, count
