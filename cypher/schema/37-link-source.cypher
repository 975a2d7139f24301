// Schema: link-source, created when missing.
CREATE INDEX link_source IF NOT EXISTS FOR (l:Link) ON (l.sourceVersionId)
