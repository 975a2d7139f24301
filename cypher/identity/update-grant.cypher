// Changes the role of an existing grant; counts the grants changed, with the role held before.
// @param key
// @param role
// @param at
// @param by
OPTIONAL MATCH (g:Grant {key: $key})
WITH g, g.role AS previous
SET g.role = $role, g.createdAt = $at, g.createdBy = $by
RETURN count(g) AS updated, previous
