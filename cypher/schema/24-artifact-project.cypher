// Schema: artifact-project, created when missing.
CREATE INDEX artifact_project IF NOT EXISTS FOR (a:Artifact) ON (a.projectId)
