// A page of a target's history, oldest first.
// @param chain
// @param actions
// @param actor
// @param since
// @param until
// @param after
// @param limit
MATCH (e:AuditEvent {chain: $chain})
WHERE ($actions IS NULL OR e.action IN $actions)
  AND ($actor IS NULL OR e.actor = $actor)
  AND ($since IS NULL OR e.at >= $since)
  AND ($until IS NULL OR e.at < $until)
  AND e.position > $after
RETURN e {.*} AS event
ORDER BY e.position
LIMIT $limit
