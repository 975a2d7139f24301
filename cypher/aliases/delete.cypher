// Removes an alias.
// @param key
MATCH (x:Alias {key: $key})
DELETE x
