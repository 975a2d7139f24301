// The number of children per parent (project-artifacts) the caller may see.
// @param parents
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Artifact {projectId: parent})
  RETURN count(*) AS count
}
RETURN parent, count
