// How many events of a target's history pass the filters.
// @param chain
// @param actions
// @param actor
// @param since
// @param until
MATCH (e:AuditEvent {chain: $chain})
WHERE ($actions IS NULL OR e.action IN $actions)
  AND ($actor IS NULL OR e.actor = $actor)
  AND ($since IS NULL OR e.at >= $since)
  AND ($until IS NULL OR e.at < $until)
RETURN count(e) AS count
