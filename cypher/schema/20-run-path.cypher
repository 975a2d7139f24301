// Schema: run-path, created when missing.
CREATE CONSTRAINT run_path IF NOT EXISTS FOR (r:Run) REQUIRE r.path IS UNIQUE
