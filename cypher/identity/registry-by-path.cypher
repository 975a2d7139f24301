// A registry by path.
// @param path
MATCH (g:Registry {path: $path})
RETURN g {.*} AS registry
