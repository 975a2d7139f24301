// Creates a registry.
// @param namespaceId
// @param namespace
// @param name
// @param path
// @param visibility
// @param protectedAliases
// @param at
// @param by
MERGE (q:Sequence {name: 'Registry'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (g:Registry {
  id: q.value, namespaceId: $namespaceId, namespace: $namespace, name: $name, path: $path,
  visibility: $visibility, protectedAliases: $protectedAliases, createdAt: $at, createdBy: $by})
RETURN g.id AS id
