// Schema: audit-event-chain, created when missing.
CREATE INDEX audit_event_chain IF NOT EXISTS FOR (e:AuditEvent) ON (e.chain)
