// The grants held by a principal directly or through its teams.
// @param principalId
// @param teams
CALL () {
  MATCH (g:Grant {principalId: $principalId})
  RETURN g
  UNION
  UNWIND $teams AS team
  MATCH (g:Grant {teamId: team})
  RETURN g
}
RETURN g.resourceKind AS kind, g.resourceId AS id, g.role AS role
