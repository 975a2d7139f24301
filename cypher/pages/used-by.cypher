// One page of children per parent (used-by), in key order, leaving out what the caller may not see.
// @param parents
// @param after
// @param limit
// @param visible
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Run)-[e:USED]->(:ArtifactVersion {id: parent})
  WHERE e.seq > $after AND ($visible IS NULL OR c.namespaceId IN $visible)
  RETURN c.id AS child, e.seq AS key
  ORDER BY key
  LIMIT $limit
}
RETURN parent, child, key
