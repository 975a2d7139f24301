// Schema: registry-id, created when missing.
CREATE CONSTRAINT registry_id IF NOT EXISTS FOR (g:Registry) REQUIRE g.id IS UNIQUE
