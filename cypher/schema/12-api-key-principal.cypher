// Schema: api-key-principal, created when missing.
CREATE INDEX api_key_principal IF NOT EXISTS FOR (k:ApiKey) ON (k.principalId)
