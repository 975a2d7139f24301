-- A trigram index of the names of runs, artifacts and collections, so that search by part of a
-- name reads the index instead of every row. kind: 0 run, 1 artifact, 2 collection.
CREATE VIRTUAL TABLE name_search USING fts5(name, kind UNINDEXED, ref UNINDEXED, tokenize = 'trigram case_sensitive 0');

INSERT INTO name_search (name, kind, ref)
SELECT name, 0, id FROM runs
UNION ALL SELECT name, 1, id FROM artifacts
UNION ALL SELECT name, 2, id FROM collections;

CREATE TRIGGER runs_name_search AFTER INSERT ON runs
BEGIN
    INSERT INTO name_search (name, kind, ref) VALUES (new.name, 0, new.id);
END;

CREATE TRIGGER artifacts_name_search AFTER INSERT ON artifacts
BEGIN
    INSERT INTO name_search (name, kind, ref) VALUES (new.name, 1, new.id);
END;

CREATE TRIGGER collections_name_search AFTER INSERT ON collections
BEGIN
    INSERT INTO name_search (name, kind, ref) VALUES (new.name, 2, new.id);
END;
