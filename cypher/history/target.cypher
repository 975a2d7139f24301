// The collection or project artifact a history path names; projects and registries never share a path.
// @param path
OPTIONAL MATCH (c:Collection {path: $path})
OPTIONAL MATCH (a:Artifact {path: $path})
RETURN c.id AS collectionId, c.registryId AS registryId, a.id AS artifactId, a.namespaceId AS namespaceId
