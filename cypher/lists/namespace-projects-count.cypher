// How many of a namespace's projects the filter keeps.
// @param parent
// @param createdBy
// @param createdAfter
// @param createdBefore
// @param nameContains
// @param name
MATCH (c:Project {namespaceId: $parent})
WHERE ($createdBy IS NULL OR c.createdBy = $createdBy)
  AND ($createdAfter IS NULL OR c.createdAt >= $createdAfter)
  AND ($createdBefore IS NULL OR c.createdAt < $createdBefore)
  AND ($nameContains IS NULL OR toLower(c.name) CONTAINS toLower($nameContains))
  AND ($name IS NULL OR c.name = $name)
RETURN count(c) AS count
