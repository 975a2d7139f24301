// Schema: collection-path, created when missing.
CREATE CONSTRAINT collection_path IF NOT EXISTS FOR (c:Collection) REQUIRE c.path IS UNIQUE
