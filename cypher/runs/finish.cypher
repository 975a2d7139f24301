// Ends a run, and records when.
// @param id
// @param state
// @param at
MATCH (r:Run {id: $id})
SET r.state = $state, r.endedAt = $at
