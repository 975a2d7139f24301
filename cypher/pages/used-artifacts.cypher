// One page of children per parent (used-artifacts), in key order, leaving out what the caller may not see:
// a seek on the edges' (end id, seq) index, so a hub's page reads one page of its edges.
// @param parents
// @param after
// @param limit
// @param visible
UNWIND $parents AS parent
CALL (parent) {
  MATCH (:Run)-[e:USED]->(c:ArtifactVersion)
  WHERE e.runId = parent AND e.seq > $after AND ($visible IS NULL OR c.namespaceId IN $visible)
  RETURN c.id AS child, e.seq AS key
  ORDER BY key
  LIMIT $limit
}
RETURN parent, child, key
