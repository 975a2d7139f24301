// Gives runs, artifacts and collections made before search kept lower-cased names their
// searchName, at most $limit of each kind a call; the caller repeats it until none is left.
// @param limit
CALL () {
  MATCH (r:Run)
  WHERE r.searchName IS NULL
  RETURN r AS n
  LIMIT $limit
  UNION ALL
  MATCH (a:Artifact)
  WHERE a.searchName IS NULL
  RETURN a AS n
  LIMIT $limit
  UNION ALL
  MATCH (c:Collection)
  WHERE c.searchName IS NULL
  RETURN c AS n
  LIMIT $limit
}
SET n.searchName = toLower(n.name)
RETURN count(n) AS updated
