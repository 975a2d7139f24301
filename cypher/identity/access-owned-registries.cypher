// The registries the given namespaces own, with their visibility.
// @param owners
UNWIND $owners AS owner
MATCH (g:Registry {namespaceId: owner})
RETURN g.id AS id, g.namespaceId AS owner, g.visibility AS visibility
