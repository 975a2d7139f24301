// Schema: audit-event-position, created when missing.
CREATE CONSTRAINT audit_event_position IF NOT EXISTS FOR (e:AuditEvent) REQUIRE (e.chain, e.position) IS UNIQUE
