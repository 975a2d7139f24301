// Schema: used-version-seq, created when missing: a page of one end's USED edges is a seek in seq order.
CREATE INDEX used_version_seq IF NOT EXISTS FOR ()-[e:USED]-() ON (e.versionId, e.seq)
