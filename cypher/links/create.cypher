// Links a version into a collection as the collection's next index; indexes are never reused.
// @param collectionId
// @param versionId
// @param at
// @param by
MATCH (c:Collection {id: $collectionId})
MATCH (v:ArtifactVersion {id: $versionId})
MERGE (q:Sequence {name: 'Link'})
SET q.value = coalesce(q.value, 0) + 1
WITH c, v, q, c.nextIndex AS linkIndex
SET c.nextIndex = linkIndex + 1
CREATE (l:Link {
  id: q.value, collectionId: c.id, registryId: c.registryId, linkIndex: linkIndex, sourceVersionId: v.id,
  createdAt: $at, createdBy: $by})-[:LINKS]->(v)
RETURN l.id AS id, l.linkIndex AS linkIndex
