// Schema: grant-principal, created when missing.
CREATE INDEX grant_principal IF NOT EXISTS FOR (g:Grant) ON (g.principalId)
