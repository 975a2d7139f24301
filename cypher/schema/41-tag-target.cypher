// Schema: tag-target, created when missing.
CREATE INDEX tag_target IF NOT EXISTS FOR (t:Tag) ON (t.kind, t.targetId)
