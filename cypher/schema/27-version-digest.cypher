// Schema: version-digest, created when missing.
CREATE INDEX version_digest IF NOT EXISTS FOR (v:ArtifactVersion) ON (v.artifactId, v.digest)
