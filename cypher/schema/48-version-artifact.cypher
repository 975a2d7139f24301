// Schema: version-artifact, created when missing.
CREATE INDEX version_artifact IF NOT EXISTS FOR (v:ArtifactVersion) ON (v.artifactId)
