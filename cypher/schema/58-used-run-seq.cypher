// Schema: used-run-seq, created when missing: a page of one end's USED edges is a seek in seq order.
CREATE INDEX used_run_seq IF NOT EXISTS FOR ()-[e:USED]-() ON (e.runId, e.seq)
