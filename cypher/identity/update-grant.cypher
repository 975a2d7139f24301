// Changes the role of an existing grant; counts the grants changed.
// @param key
// @param role
// @param at
// @param by
OPTIONAL MATCH (g:Grant {key: $key})
SET g.role = $role, g.createdAt = $at, g.createdBy = $by
RETURN count(g) AS updated
