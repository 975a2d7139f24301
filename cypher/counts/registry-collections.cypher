// The number of children per parent (registry-collections) the caller may see.
// @param parents
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Collection {registryId: parent})
  RETURN count(*) AS count
}
RETURN parent, count
