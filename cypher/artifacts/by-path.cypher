// An artifact by path.
// @param path
MATCH (a:Artifact {path: $path})
RETURN a {.*} AS artifact
