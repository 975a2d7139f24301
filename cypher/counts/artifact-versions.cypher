// The number of children per parent (artifact-versions) the caller may see.
// @param parents
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:ArtifactVersion {artifactId: parent})
  RETURN count(*) AS count
}
RETURN parent, count
