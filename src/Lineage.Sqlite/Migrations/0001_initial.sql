-- Namespaces (users, teams, organizations) own projects.
CREATE TABLE namespaces (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

CREATE TABLE projects (
    id            INTEGER PRIMARY KEY,
    namespace_id  INTEGER NOT NULL REFERENCES namespaces(id),
    name          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    UNIQUE (namespace_id, name)
);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    name        TEXT NOT NULL,
    job_type    TEXT,
    state       TEXT NOT NULL,
    config      TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (project_id, name)
);

CREATE TABLE artifacts (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (project_id, name)
);

-- Versions are immutable once written; logged_by_run_id is the first logger.
CREATE TABLE artifact_versions (
    id                INTEGER PRIMARY KEY,
    artifact_id       INTEGER NOT NULL REFERENCES artifacts(id),
    version_index     INTEGER NOT NULL,
    digest            TEXT NOT NULL,
    metadata          TEXT,
    size              INTEGER,
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    logged_by_run_id  INTEGER NOT NULL REFERENCES runs(id),
    UNIQUE (artifact_id, version_index),
    UNIQUE (artifact_id, digest)
);

CREATE TABLE version_files (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES artifact_versions(id),
    path        TEXT NOT NULL,
    digest      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    UNIQUE (version_id, path)
);

-- One version per alias per artifact; 'latest' is derived, never stored.
CREATE TABLE version_aliases (
    artifact_id  INTEGER NOT NULL REFERENCES artifacts(id),
    alias        TEXT NOT NULL,
    version_id   INTEGER NOT NULL REFERENCES artifact_versions(id),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    PRIMARY KEY (artifact_id, alias)
);
CREATE INDEX version_aliases_by_version ON version_aliases (version_id);

-- Lineage edges. seq orders each node's edges for keyset pagination.
CREATE TABLE used_edges (
    seq         INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES runs(id),
    version_id  INTEGER NOT NULL REFERENCES artifact_versions(id),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (run_id, version_id)
);
CREATE INDEX used_edges_by_version ON used_edges (version_id);

CREATE TABLE logged_edges (
    seq         INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES runs(id),
    version_id  INTEGER NOT NULL REFERENCES artifact_versions(id),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (run_id, version_id)
);
CREATE INDEX logged_edges_by_version ON logged_edges (version_id);
CREATE INDEX used_edges_by_run ON used_edges (run_id);
CREATE INDEX logged_edges_by_run ON logged_edges (run_id);
