// Removes a grant; counts the grants removed.
// @param key
OPTIONAL MATCH (g:Grant {key: $key})
DELETE g
RETURN count(g) AS removed
