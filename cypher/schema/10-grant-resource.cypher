// Schema: grant-resource, created when missing.
CREATE INDEX grant_resource IF NOT EXISTS FOR (g:Grant) ON (g.resourceKind, g.resourceId)
