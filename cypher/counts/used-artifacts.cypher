// The number of children per parent (used-artifacts) the caller may see.
// A caller who may see everything gets the node's degree, which Neo4j keeps, so a hub's
// count does not expand its fan-out; others count only the children they may see.
// @param parents
// @param visible
UNWIND $parents AS parent
OPTIONAL MATCH (r:Run {id: parent})
RETURN parent, CASE
  WHEN r IS NULL THEN 0
  WHEN $visible IS NULL THEN COUNT { (r)-[:USED]->() }
  ELSE COUNT { MATCH (r)-[:USED]->(c:ArtifactVersion) WHERE c.namespaceId IN $visible }
END AS count
