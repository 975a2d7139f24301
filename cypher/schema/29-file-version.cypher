// Schema: file-version, created when missing.
CREATE INDEX file_version IF NOT EXISTS FOR (f:VersionFile) ON (f.versionId)
