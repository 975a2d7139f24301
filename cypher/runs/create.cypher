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
// A new run has no edges yet: its place in the lineage's order comes after every other.
MERGE (o:Sequence {name: 'LineagePlace'})
SET o.value = coalesce(o.value, 0) + 1
CREATE (r:Run {
  id: q.value, projectId: $projectId, namespaceId: $namespaceId, namespace: $namespace, project: $project,
  name: $name, searchName: toLower($name), path: $path, state: 'RUNNING', createdAt: $at, createdBy: $by, place: o.value})
SET r += $fields
RETURN r.id AS id
