// Creates a collection in a registry.
// @param registryId
// @param namespaceId
// @param namespace
// @param registry
// @param name
// @param path
// @param type
// @param description
// @param at
// @param by
MERGE (q:Sequence {name: 'Collection'})
SET q.value = coalesce(q.value, 0) + 1
CREATE (c:Collection {
  id: q.value, registryId: $registryId, namespaceId: $namespaceId, namespace: $namespace, registry: $registry,
  name: $name, searchName: toLower($name), path: $path, type: $type, description: $description, nextIndex: 0, createdAt: $at, createdBy: $by})
RETURN c.id AS id
