// Creates a running run, with what the run says about itself (job type, config, description) as given.
// @param projectId
// @param namespaceId
// @param namespace
// @param project
// @param name
// @param path
// @param fields
// @param at
// @param by
MERGE (q:Sequence {name: 'Run'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (r:Run {
  id: q.value, projectId: $projectId, namespaceId: $namespaceId, namespace: $namespace, project: $project,
  name: $name, searchName: toLower($name), path: $path, state: 'RUNNING', createdAt: $at, createdBy: $by})
SET r += $fields
RETURN r.id AS id
