// Schema: version-id, created when missing.
CREATE CONSTRAINT version_id IF NOT EXISTS FOR (v:ArtifactVersion) REQUIRE v.id IS UNIQUE
