// Schema: tag-key, created when missing.
CREATE CONSTRAINT tag_key IF NOT EXISTS FOR (t:Tag) REQUIRE t.key IS UNIQUE
