// The number of children per parent (namespace-registries) the caller may see.
// @param parents
// @param registries
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Registry {namespaceId: parent})
  WHERE $registries IS NULL OR c.id IN $registries
  RETURN count(*) AS count
}
RETURN parent, count
