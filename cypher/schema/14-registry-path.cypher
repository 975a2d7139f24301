// Schema: registry-path, created when missing.
CREATE CONSTRAINT registry_path IF NOT EXISTS FOR (g:Registry) REQUIRE g.path IS UNIQUE
