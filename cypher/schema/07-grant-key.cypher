// Schema: grant-key, created when missing.
CREATE CONSTRAINT grant_key IF NOT EXISTS FOR (g:Grant) REQUIRE g.key IS UNIQUE
