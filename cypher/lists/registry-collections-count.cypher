// How many of a registry's collections the filter keeps.
// @param parent
// @param types
// @param createdBy
// @param createdAfter
// @param createdBefore
// @param nameContains
// @param name
// @param tags
MATCH (c:Collection {registryId: $parent})
WHERE ($types IS NULL OR c.type IN $types)
  AND ($createdBy IS NULL OR c.createdBy = $createdBy)
  AND ($createdAfter IS NULL OR c.createdAt >= $createdAfter)
  AND ($createdBefore IS NULL OR c.createdAt < $createdBefore)
  AND ($nameContains IS NULL OR toLower(c.name) CONTAINS toLower($nameContains))
  AND ($name IS NULL OR c.name = $name)
  AND ($tags IS NULL OR EXISTS { MATCH (g:Tag {kind: 'COLLECTION', targetId: c.id}) WHERE g.tag IN $tags })
RETURN count(c) AS count
