// The number of children per parent (used-by) the caller may see.
// A caller who may see everything gets the node's degree, which Neo4j keeps, so a hub's
// count does not expand its fan-out; others count only the children they may see.
// @param parents
// @param visible
UNWIND $parents AS parent
OPTIONAL MATCH (v:ArtifactVersion {id: parent})
RETURN parent, CASE
  WHEN v IS NULL THEN 0
  WHEN $visible IS NULL THEN COUNT { (v)<-[:USED]-() }
  ELSE COUNT { MATCH (c:Run)-[:USED]->(v) WHERE c.namespaceId IN $visible }
END AS count
