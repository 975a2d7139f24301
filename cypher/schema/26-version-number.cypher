// Schema: version-number, created when missing.
CREATE CONSTRAINT version_number IF NOT EXISTS FOR (v:ArtifactVersion) REQUIRE (v.artifactId, v.versionIndex) IS UNIQUE
