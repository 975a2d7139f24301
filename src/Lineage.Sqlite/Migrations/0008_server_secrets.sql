-- Secrets the server keeps for itself, such as the key that makes ids and cursors opaque: the
-- same on every start, and beside the data they protect.
CREATE TABLE server_secrets (
    name   TEXT PRIMARY KEY,
    value  BLOB NOT NULL
);
