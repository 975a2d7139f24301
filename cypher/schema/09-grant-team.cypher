// Schema: grant-team, created when missing.
CREATE INDEX grant_team IF NOT EXISTS FOR (g:Grant) ON (g.teamId)
