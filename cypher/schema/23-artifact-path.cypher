// Schema: artifact-path, created when missing.
CREATE CONSTRAINT artifact_path IF NOT EXISTS FOR (a:Artifact) REQUIRE a.path IS UNIQUE
