// The number of children per parent (version-links) the caller may see.
// @param parents
// @param registries
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Link {sourceVersionId: parent})
  WHERE $registries IS NULL OR c.registryId IN $registries
  RETURN count(*) AS count
}
RETURN parent, count
