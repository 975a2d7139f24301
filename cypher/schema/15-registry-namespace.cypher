// Schema: registry-namespace, created when missing.
CREATE INDEX registry_namespace IF NOT EXISTS FOR (g:Registry) ON (g.namespaceId)
