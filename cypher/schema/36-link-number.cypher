// Schema: link-number, created when missing.
CREATE CONSTRAINT link_number IF NOT EXISTS FOR (l:Link) REQUIRE (l.collectionId, l.linkIndex) IS UNIQUE
