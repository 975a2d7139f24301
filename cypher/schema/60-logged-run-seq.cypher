// Schema: logged-run-seq, created when missing: a page of one end's LOGGED edges is a seek in seq order.
CREATE INDEX logged_run_seq IF NOT EXISTS FOR ()-[e:LOGGED]-() ON (e.runId, e.seq)
