// Schema: link-collection, created when missing.
CREATE INDEX link_collection IF NOT EXISTS FOR (l:Link) ON (l.collectionId)
