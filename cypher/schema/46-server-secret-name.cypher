// Schema: server-secret-name, created when missing.
CREATE CONSTRAINT server_secret_name IF NOT EXISTS FOR (s:ServerSecret) REQUIRE s.name IS UNIQUE
