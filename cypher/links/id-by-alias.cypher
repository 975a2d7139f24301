// The link of a collection that holds an alias.
// @param path
// @param alias
MATCH (c:Collection {path: $path})
MATCH (x:Alias {key: 'COLLECTION:' + toString(c.id) + ':' + $alias})
RETURN x.holderId AS id
