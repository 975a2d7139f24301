// Whether a run already used a version.
// @param runId
// @param versionId
RETURN EXISTS { MATCH (:Run {id: $runId})-[:USED]->(:ArtifactVersion {id: $versionId}) } AS known
