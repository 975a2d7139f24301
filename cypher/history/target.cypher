// The registry, collection or project artifact a history path names; projects and registries
// never share a path, and a registry's path has one segment fewer.
// @param path
OPTIONAL MATCH (g:Registry {path: $path})
OPTIONAL MATCH (c:Collection {path: $path})
OPTIONAL MATCH (a:Artifact {path: $path})
RETURN g.id AS ownRegistryId, c.id AS collectionId, coalesce(c.registryId, g.id) AS registryId, a.id AS artifactId, a.namespaceId AS namespaceId
