// The number of children per parent (namespace-projects) the caller may see.
// @param parents
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Project {namespaceId: parent})
  RETURN count(*) AS count
}
RETURN parent, count
