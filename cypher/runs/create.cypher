// Creates a running run.
// @param projectId
// @param namespaceId
// @param namespace
// @param project
// @param name
// @param path
// @param jobType
// @param config
// @param description
// @param at
// @param by
MERGE (q:Sequence {name: 'Run'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (r:Run {
  id: q.value, projectId: $projectId, namespaceId: $namespaceId, namespace: $namespace, project: $project,
  name: $name, path: $path, jobType: $jobType, state: 'RUNNING', config: $config, description: $description, createdAt: $at, createdBy: $by})
RETURN r.id AS id
