// Creates the next version of an artifact, logged by a run, with what the version says about its content (metadata, size, description) as given.
// @param artifactId
// @param projectId
// @param namespaceId
// @param namespace
// @param project
// @param artifactName
// @param type
// @param digest
// @param fields
// @param runId
// @param at
// @param by
MERGE (q:Sequence {name: 'ArtifactVersion'})
SET q.value = coalesce(q.value, 0) + 1
WITH q
OPTIONAL MATCH (x:ArtifactVersion {artifactId: $artifactId})
WITH q, max(x.versionIndex) AS top
CREATE (v:ArtifactVersion {
  id: q.value, artifactId: $artifactId, projectId: $projectId, namespaceId: $namespaceId, namespace: $namespace,
  project: $project, artifactName: $artifactName, type: $type, versionIndex: coalesce(top + 1, 0), digest: $digest,
  loggedByRunId: $runId, createdAt: $at, createdBy: $by})
SET v += $fields
RETURN v.id AS id, v.versionIndex AS versionIndex
