// Schema: file-id, created when missing.
CREATE CONSTRAINT file_id IF NOT EXISTS FOR (f:VersionFile) REQUIRE f.id IS UNIQUE
