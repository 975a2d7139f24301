// How many of a project's runs the filter keeps.
// @param parent
// @param types
// @param states
// @param createdBy
// @param createdAfter
// @param createdBefore
// @param nameContains
// @param name
MATCH (c:Run {projectId: $parent})
WHERE ($types IS NULL OR c.jobType IN $types)
  AND ($states IS NULL OR c.state IN $states)
  AND ($createdBy IS NULL OR c.createdBy = $createdBy)
  AND ($createdAfter IS NULL OR c.createdAt >= $createdAfter)
  AND ($createdBefore IS NULL OR c.createdAt < $createdBefore)
  AND ($nameContains IS NULL OR toLower(c.name) CONTAINS toLower($nameContains))
  AND ($name IS NULL OR c.name = $name)
RETURN count(c) AS count
