// One page of children per parent (version-links), in key order, leaving out what the caller may not see.
// @param parents
// @param after
// @param limit
// @param registries
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Link {sourceVersionId: parent})
  WHERE c.id > $after AND ($registries IS NULL OR c.registryId IN $registries)
  RETURN c.id AS child, c.id AS key
  ORDER BY key
  LIMIT $limit
}
RETURN parent, child, key
