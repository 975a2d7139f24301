// Schema: run-project, created when missing.
CREATE INDEX run_project IF NOT EXISTS FOR (r:Run) ON (r.projectId)
