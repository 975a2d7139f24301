// One page of an artifact's versions that the filter keeps, in the order asked ($field, $descending),
// after the item $after (0 for the first page): that item is found again by id and the page
// continues after its place, ties broken by id. found is false when $after is not in the list.
// @param parent
// @param createdBy
// @param createdAfter
// @param createdBefore
// @param aliases
// @param tags
// @param field
// @param descending
// @param after
// @param limit
OPTIONAL MATCH (x:ArtifactVersion {id: $after, artifactId: $parent})
WITH x, CASE $field WHEN 'CREATED_AT' THEN x.createdAt WHEN 'VERSION' THEN x.versionIndex END AS afterKey
CALL (x, afterKey) {
  MATCH (c:ArtifactVersion {artifactId: $parent})
  WITH c, CASE $field WHEN 'CREATED_AT' THEN c.createdAt WHEN 'VERSION' THEN c.versionIndex END AS key
  WHERE ($createdBy IS NULL OR c.createdBy = $createdBy)
  AND ($createdAfter IS NULL OR c.createdAt >= $createdAfter)
  AND ($createdBefore IS NULL OR c.createdAt < $createdBefore)
  AND ($aliases IS NULL OR (EXISTS { MATCH (h:Alias {scopeKind: 'ARTIFACT', scopeId: c.artifactId, holderId: c.id}) WHERE h.alias IN $aliases }
       OR ('latest' IN $aliases AND NOT EXISTS { MATCH (n:ArtifactVersion {artifactId: c.artifactId}) WHERE n.versionIndex > c.versionIndex })))
  AND ($tags IS NULL OR EXISTS { MATCH (g:Tag {kind: 'VERSION', targetId: c.id}) WHERE g.tag IN $tags })
    AND (x IS NULL
      OR ($descending AND (key < afterKey OR (key = afterKey AND c.id < x.id)))
      OR (NOT $descending AND (key > afterKey OR (key = afterKey AND c.id > x.id))))
  WITH c, key
  ORDER BY CASE WHEN $descending THEN null ELSE key END,
    CASE WHEN $descending THEN key END DESC,
    CASE WHEN $descending THEN null ELSE c.id END,
    CASE WHEN $descending THEN c.id END DESC
  LIMIT $limit
  RETURN collect(c.id) AS ids
}
RETURN x IS NOT NULL AS found, ids
