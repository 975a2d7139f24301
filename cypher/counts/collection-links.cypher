// The number of children per parent (collection-links) the caller may see.
// @param parents
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Link {collectionId: parent})
  RETURN count(*) AS count
}
RETURN parent, count
