// The number of children per parent (project-runs) the caller may see.
// @param parents
UNWIND $parents AS parent
CALL (parent) {
  MATCH (c:Run {projectId: parent})
  RETURN count(*) AS count
}
RETURN parent, count
