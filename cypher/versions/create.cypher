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
MATCH (a:Artifact {id: $artifactId})
MERGE (q:Sequence {name: 'ArtifactVersion'})
SET q.value = coalesce(q.value, 0) + 1
// Placed after every other node, so after the run that logs it.
MERGE (o:Sequence {name: 'LineagePlace'})
SET o.value = coalesce(o.value, 0) + 1
// The artifact counts its versions, so a new one reads no other; an artifact made before it
// counted them is counted once (versions are never removed, so their number is the next index).
WITH a, q, o, coalesce(a.nextVersionIndex, COUNT { MATCH (x:ArtifactVersion {artifactId: a.id}) }) AS versionIndex
SET a.nextVersionIndex = versionIndex + 1
CREATE (v:ArtifactVersion {
  id: q.value, artifactId: $artifactId, projectId: $projectId, namespaceId: $namespaceId, namespace: $namespace,
  project: $project, artifactName: $artifactName, type: $type, versionIndex: versionIndex, digest: $digest,
  loggedByRunId: $runId, createdAt: $at, createdBy: $by, place: o.value})
SET v += $fields
RETURN v.id AS id, v.versionIndex AS versionIndex
