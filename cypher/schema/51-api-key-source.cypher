// Schema: api-key-source, created when missing.
CREATE INDEX api_key_source IF NOT EXISTS FOR (k:ApiKey) ON (k.source)
