// Schema: used-seq, created when missing.
CREATE INDEX used_seq IF NOT EXISTS FOR ()-[u:USED]-() ON (u.seq)
