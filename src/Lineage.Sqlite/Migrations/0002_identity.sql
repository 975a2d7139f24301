-- Namespaces are users, teams or organizations; a team may sit inside an organization.
-- Namespaces made before identity existed were made by administrators for shared work.
ALTER TABLE namespaces ADD COLUMN kind TEXT NOT NULL DEFAULT 'ORGANIZATION'
    CHECK (kind IN ('USER', 'TEAM', 'ORGANIZATION'));
ALTER TABLE namespaces ADD COLUMN organization_id INTEGER REFERENCES namespaces(id);

-- Users and service accounts. Names are unique across principals and namespaces alike, so a
-- member named in a grant is never ambiguous and createdBy always names one principal.
CREATE TABLE principals (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL CHECK (kind IN ('USER', 'SERVICE_ACCOUNT')),
    is_administrator   INTEGER NOT NULL DEFAULT 0,
    home_namespace_id  INTEGER REFERENCES namespaces(id),
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL
);

-- API keys: the id is the non-secret part of the key; only SHA-256 of the secret is kept.
CREATE TABLE api_keys (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    principal_id  INTEGER NOT NULL REFERENCES principals(id),
    name          TEXT NOT NULL,
    secret_hash   BLOB NOT NULL CHECK (length(secret_hash) = 32),
    source        TEXT NOT NULL CHECK (source IN ('API', 'ENVIRONMENT', 'FIRST_START')),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    expires_at    TEXT,
    revoked_at    TEXT,
    revoked_by    TEXT
);
CREATE INDEX api_keys_by_principal ON api_keys (principal_id, seq);

CREATE TABLE registries (
    id            INTEGER PRIMARY KEY,
    namespace_id  INTEGER NOT NULL REFERENCES namespaces(id),
    name          TEXT NOT NULL,
    visibility    TEXT NOT NULL CHECK (visibility IN ('ORGANIZATION', 'RESTRICTED')),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    UNIQUE (namespace_id, name)
);

-- A role on a namespace, granted to a principal or to every member of a team.
CREATE TABLE namespace_grants (
    seq           INTEGER PRIMARY KEY,
    namespace_id  INTEGER NOT NULL REFERENCES namespaces(id),
    principal_id  INTEGER REFERENCES principals(id),
    team_id       INTEGER REFERENCES namespaces(id),
    role          TEXT NOT NULL CHECK (role IN ('ADMIN', 'MEMBER', 'VIEWER')),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    CHECK ((principal_id IS NULL) <> (team_id IS NULL)),
    UNIQUE (namespace_id, principal_id),
    UNIQUE (namespace_id, team_id)
);
CREATE INDEX namespace_grants_by_principal ON namespace_grants (principal_id);
CREATE INDEX namespace_grants_by_team ON namespace_grants (team_id);

CREATE TABLE registry_grants (
    seq           INTEGER PRIMARY KEY,
    registry_id   INTEGER NOT NULL REFERENCES registries(id),
    principal_id  INTEGER REFERENCES principals(id),
    team_id       INTEGER REFERENCES namespaces(id),
    role          TEXT NOT NULL CHECK (role IN ('ADMIN', 'MEMBER', 'VIEWER', 'RESTRICTED_VIEWER')),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    CHECK ((principal_id IS NULL) <> (team_id IS NULL)),
    UNIQUE (registry_id, principal_id),
    UNIQUE (registry_id, team_id)
);
CREATE INDEX registry_grants_by_principal ON registry_grants (principal_id);
CREATE INDEX registry_grants_by_team ON registry_grants (team_id);
