// Schema: project-namespace, created when missing.
CREATE INDEX project_namespace IF NOT EXISTS FOR (p:Project) ON (p.namespaceId)
