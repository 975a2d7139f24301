// Records that a run used a version.
// @param runId
// @param versionId
// @param at
// @param by
MATCH (r:Run {id: $runId})
MATCH (v:ArtifactVersion {id: $versionId})
MERGE (q:Sequence {name: 'Edge'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (r)-[:USED {seq: q.value, runId: r.id, versionId: v.id, createdAt: $at, createdBy: $by}]->(v)
