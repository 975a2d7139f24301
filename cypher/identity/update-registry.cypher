// Changes a registry's visibility and protected aliases.
// @param id
// @param visibility
// @param protectedAliases
MATCH (g:Registry {id: $id})
SET g.visibility = $visibility, g.protectedAliases = $protectedAliases
