// A run by path.
// @param path
MATCH (r:Run {path: $path})
RETURN r {.*} AS run
