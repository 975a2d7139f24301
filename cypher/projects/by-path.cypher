// A project by path.
// @param path
MATCH (p:Project {path: $path})
RETURN p {.*} AS project
