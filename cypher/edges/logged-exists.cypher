// Whether a run already logged a version.
// @param runId
// @param versionId
RETURN EXISTS { MATCH (:Run {id: $runId})-[:LOGGED]->(:ArtifactVersion {id: $versionId}) } AS known
