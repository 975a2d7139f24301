// The number of children per parent (version-files) the caller may see.
// @param parents
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:VersionFile {versionId: parent})
  RETURN count(*) AS count
}
RETURN parent, count
