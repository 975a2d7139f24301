// The version of an artifact with this index.
// @param path
// @param index
MATCH (a:Artifact {path: $path})
MATCH (v:ArtifactVersion {artifactId: a.id, versionIndex: $index})
RETURN v.id AS id
