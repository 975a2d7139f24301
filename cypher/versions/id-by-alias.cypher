// The version of an artifact that holds an alias.
// @param path
// @param alias
MATCH (a:Artifact {path: $path})
MATCH (x:Alias {key: 'ARTIFACT:' + toString(a.id) + ':' + $alias})
RETURN x.holderId AS id
