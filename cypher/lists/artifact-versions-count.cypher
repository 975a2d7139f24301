// How many of an artifact's versions the filter keeps.
// @param parent
// @param createdBy
// @param createdAfter
// @param createdBefore
// @param aliases
// @param tags
MATCH (c:ArtifactVersion {artifactId: $parent})
WHERE ($createdBy IS NULL OR c.createdBy = $createdBy)
  AND ($createdAfter IS NULL OR c.createdAt >= $createdAfter)
  AND ($createdBefore IS NULL OR c.createdAt < $createdBefore)
  AND ($aliases IS NULL OR (EXISTS { MATCH (h:Alias {scopeKind: 'ARTIFACT', scopeId: c.artifactId, holderId: c.id}) WHERE h.alias IN $aliases }
       OR ('latest' IN $aliases AND NOT EXISTS { MATCH (n:ArtifactVersion {artifactId: c.artifactId}) WHERE n.versionIndex > c.versionIndex })))
  AND ($tags IS NULL OR EXISTS { MATCH (g:Tag {kind: 'VERSION', targetId: c.id}) WHERE g.tag IN $tags })
RETURN count(c) AS count
