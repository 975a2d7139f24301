// One page of children per parent (namespace-registries), in key order, leaving out what the caller may not see.
// @param parents
// @param after
// @param limit
// @param registries
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Registry {namespaceId: parent})
  WHERE c.id > $after AND ($registries IS NULL OR c.id IN $registries)
  RETURN c.id AS child, c.id AS key
  ORDER BY key
  LIMIT $limit
}
RETURN parent, child, key
