// A page of a target's history, newest first: the events below position $after (the largest
// integer for the first page), so the chain's position index serves it.
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
  AND e.position < $after
RETURN e {.*} AS event
ORDER BY e.position DESC
LIMIT $limit
