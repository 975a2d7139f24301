// One page of children per parent (collection-links), in key order, leaving out what the caller may not see.
// @param parents
// @param after
// @param limit
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Link {collectionId: parent})
  WHERE c.id > $after
  RETURN c.id AS child, c.id AS key
  ORDER BY key
  LIMIT $limit
}
RETURN parent, child, key
