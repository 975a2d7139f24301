// How many of a project's artifacts the filter keeps.
// @param parent
// @param types
// @param createdAfter
// @param createdBefore
// @param nameContains
// @param name
MATCH (c:Artifact {projectId: $parent})
WHERE ($types IS NULL OR c.type IN $types)
  AND ($createdAfter IS NULL OR c.createdAt >= $createdAfter)
  AND ($createdBefore IS NULL OR c.createdAt < $createdBefore)
  AND ($nameContains IS NULL OR toLower(c.name) CONTAINS toLower($nameContains))
  AND ($name IS NULL OR c.name = $name)
RETURN count(c) AS count
