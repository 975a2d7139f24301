// A collection by path.
// @param path
MATCH (c:Collection {path: $path})
RETURN c {.*} AS collection
