// Schema: alias-holder, created when missing.
CREATE INDEX alias_holder IF NOT EXISTS FOR (x:Alias) ON (x.scopeKind, x.holderId)
