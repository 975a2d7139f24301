// The newest version of an artifact.
// @param path
MATCH (a:Artifact {path: $path})
MATCH (v:ArtifactVersion {artifactId: a.id})
RETURN v.id AS id
ORDER BY v.versionIndex DESC
LIMIT 1
