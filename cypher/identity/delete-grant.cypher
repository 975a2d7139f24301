// Removes a grant; counts the grants removed, with the role the grant held.
// @param key
OPTIONAL MATCH (g:Grant {key: $key})
WITH g, g.role AS role
DELETE g
RETURN count(g) AS removed, role
