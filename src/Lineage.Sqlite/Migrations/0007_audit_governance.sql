-- Audit history, format 2: the source of a collection event is hashed as a salted commitment
-- (source_salt), so that a reader who may not see it cannot recover it from the hash; events
-- now also record tags, role grants and a registry's settings, and registries have histories
-- of their own. Rows recorded before keep format 1 and verify as they were hashed.
-- SQLite cannot widen a CHECK constraint in place: the table is copied whole. Dropping the old
-- table fires no trigger, and the triggers that refuse edits are made again on the new one.
CREATE TABLE audit_events_2 (
    id           INTEGER PRIMARY KEY,
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('COLLECTION', 'ARTIFACT', 'REGISTRY')),
    target_id    INTEGER NOT NULL,
    target       TEXT NOT NULL,
    position     INTEGER NOT NULL,
    format       INTEGER NOT NULL CHECK (format IN (1, 2)),
    action       TEXT NOT NULL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    version      TEXT,
    source       TEXT,
    source_salt  BLOB CHECK (source_salt IS NULL OR length(source_salt) = 32),
    alias        TEXT,
    tag          TEXT,
    member       TEXT,
    role         TEXT,
    visibility   TEXT,
    request_id   TEXT,
    subject_id   INTEGER,
    source_namespace_id  INTEGER,
    hash         BLOB NOT NULL CHECK (length(hash) = 32),
    UNIQUE (target_kind, target_id, position)
);

INSERT INTO audit_events_2
    (id, target_kind, target_id, target, position, format, action, at, actor, version, source, alias, request_id, subject_id, source_namespace_id, hash)
SELECT id, target_kind, target_id, target, position, 1, action, at, actor, version, source, alias, request_id, subject_id, source_namespace_id, hash
FROM audit_events;

DROP TABLE audit_events;
ALTER TABLE audit_events_2 RENAME TO audit_events;

CREATE TRIGGER audit_events_are_not_updated BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_events_are_not_deleted BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
