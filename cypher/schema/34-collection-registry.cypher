// Schema: collection-registry, created when missing.
CREATE INDEX collection_registry IF NOT EXISTS FOR (c:Collection) ON (c.registryId)
