// Schema: audit-chain-key, created when missing.
CREATE CONSTRAINT audit_chain_key IF NOT EXISTS FOR (c:AuditChain) REQUIRE c.key IS UNIQUE
