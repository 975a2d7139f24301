// Schema: alias-holder, created when missing.
CREATE INDEX alias_holder IF NOT EXISTS FOR (a:Alias) ON (a.scopeKind, a.holderId)
