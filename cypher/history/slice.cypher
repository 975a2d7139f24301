// The next slice of a target's history in position order, for verification.
// @param chain
// @param after
// @param limit
MATCH (e:AuditEvent {chain: $chain})
WHERE e.position > $after
RETURN e {.*} AS event
ORDER BY e.position
LIMIT $limit
