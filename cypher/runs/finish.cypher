// Ends a run.
// @param id
// @param state
MATCH (r:Run {id: $id})
SET r.state = $state
