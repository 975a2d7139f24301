// The version of an artifact with this content digest.
// @param artifactId
// @param digest
MATCH (v:ArtifactVersion {artifactId: $artifactId, digest: $digest})
RETURN v.id AS id, v.versionIndex AS versionIndex
