-- Aliases only registry ADMINs may set, move or remove, as a JSON array of names.
ALTER TABLE registries ADD COLUMN protected_aliases TEXT NOT NULL DEFAULT '[]';

CREATE TABLE collections (
    id           INTEGER PRIMARY KEY,
    registry_id  INTEGER NOT NULL REFERENCES registries(id),
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    description  TEXT,
    -- The index the next link gets; indexes of unlinked versions are never given again.
    next_index   INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    UNIQUE (registry_id, name)
);

-- A linked version: one source version, with its own index in the collection.
CREATE TABLE collection_links (
    id                 INTEGER PRIMARY KEY,
    collection_id      INTEGER NOT NULL REFERENCES collections(id),
    link_index         INTEGER NOT NULL,
    source_version_id  INTEGER NOT NULL REFERENCES artifact_versions(id),
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    UNIQUE (collection_id, link_index),
    UNIQUE (collection_id, source_version_id)
);
CREATE INDEX collection_links_by_source ON collection_links (source_version_id);

-- One linked version per alias per collection; 'latest' is derived, never stored.
CREATE TABLE link_aliases (
    collection_id  INTEGER NOT NULL REFERENCES collections(id),
    alias          TEXT NOT NULL,
    link_id        INTEGER NOT NULL REFERENCES collection_links(id),
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    PRIMARY KEY (collection_id, alias)
);
CREATE INDEX link_aliases_by_link ON link_aliases (link_id);

CREATE TABLE tags (
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('COLLECTION', 'VERSION', 'LINK')),
    target_id    INTEGER NOT NULL,
    tag          TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    PRIMARY KEY (target_kind, target_id, tag)
);

-- The audit history. Each target (a collection or a project artifact) has its own hash
-- chain: position counts its events from 1, and hash is SHA-256 over the previous event's
-- hash and this event's canonical form. subject_id is the version (ARTIFACT) or link
-- (COLLECTION) the event is about; it may outlive the link. source_namespace_id says who may
-- read source.
CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('COLLECTION', 'ARTIFACT')),
    target_id    INTEGER NOT NULL,
    target       TEXT NOT NULL,
    position     INTEGER NOT NULL,
    action       TEXT NOT NULL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    version      TEXT,
    source       TEXT,
    alias        TEXT,
    request_id   TEXT,
    subject_id   INTEGER,
    source_namespace_id  INTEGER,
    hash         BLOB NOT NULL CHECK (length(hash) = 32),
    UNIQUE (target_kind, target_id, position)
);

-- The length and last hash of each chain, written with every append, so that events
-- missing from the end of a history are noticed as well.
CREATE TABLE audit_chains (
    target_kind  TEXT NOT NULL,
    target_id    INTEGER NOT NULL,
    length       INTEGER NOT NULL,
    head         BLOB NOT NULL,
    PRIMARY KEY (target_kind, target_id)
);

-- History is append-only, whatever code runs against the file.
CREATE TRIGGER audit_events_are_not_updated BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_events_are_not_deleted BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
