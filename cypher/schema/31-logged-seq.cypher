// Schema: logged-seq, created when missing.
CREATE INDEX logged_seq IF NOT EXISTS FOR ()-[l:LOGGED]-() ON (l.seq)
