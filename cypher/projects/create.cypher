// Creates a project.
// @param namespaceId
// @param namespace
// @param name
// @param path
// @param at
// @param by
MERGE (q:Sequence {name: 'Project'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (p:Project {id: q.value, namespaceId: $namespaceId, namespace: $namespace, name: $name, path: $path, createdAt: $at, createdBy: $by})
RETURN p.id AS id
