// Schema: logged-version-seq, created when missing: a page of one end's LOGGED edges is a seek in seq order.
CREATE INDEX logged_version_seq IF NOT EXISTS FOR ()-[e:LOGGED]-() ON (e.versionId, e.seq)
