// What a chain's last append recorded: its length and head hash; and the next event id.
// @param chain
OPTIONAL MATCH (c:AuditChain {key: $chain})
OPTIONAL MATCH (q:Sequence {name: 'AuditEvent'})
RETURN coalesce(c.length, 0) AS length, c.head AS head, coalesce(q.value, 0) + 1 AS nextId
