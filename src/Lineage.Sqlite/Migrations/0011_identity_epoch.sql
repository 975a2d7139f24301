-- Counts changes to principals, grants, registries and keys, in the transaction that makes
-- them: a server keeps credentials it has read until the count moves, on any process.
CREATE TABLE identity_epoch (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    value  INTEGER NOT NULL
);
INSERT INTO identity_epoch (id, value) VALUES (1, 0);
