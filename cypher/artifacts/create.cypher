// Creates an artifact.
// @param projectId
// @param namespaceId
// @param namespace
// @param project
// @param name
// @param path
// @param type
// @param at
MERGE (q:Sequence {name: 'Artifact'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (a:Artifact {
  id: q.value, projectId: $projectId, namespaceId: $namespaceId, namespace: $namespace, project: $project,
  name: $name, searchName: toLower($name), path: $path, type: $type, createdAt: $at, nextVersionIndex: 0})
RETURN a {.*} AS artifact
