// Gives USED and LOGGED edges made before edges carried their ends' ids (runId, versionId)
// theirs, at most $limit of each kind a call; the caller repeats it until none is left.
// @param limit
CALL () {
  MATCH (r:Run)-[e:USED]->(v:ArtifactVersion)
  WHERE e.versionId IS NULL
  RETURN r, e, v
  LIMIT $limit
  UNION ALL
  MATCH (r:Run)-[e:LOGGED]->(v:ArtifactVersion)
  WHERE e.versionId IS NULL
  RETURN r, e, v
  LIMIT $limit
}
SET e.runId = r.id, e.versionId = v.id
RETURN count(e) AS updated
