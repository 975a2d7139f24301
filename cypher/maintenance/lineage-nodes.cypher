// A page of the runs and versions, in id order past $afterRun and $afterVersion, for placing
// a graph made before nodes held places; at most $limit of each kind.
// @param afterRun
// @param afterVersion
// @param limit
CALL () {
  MATCH (r:Run)
  WHERE r.id > $afterRun
  RETURN 'RUN' AS kind, r.id AS id
  ORDER BY r.id
  LIMIT $limit
  UNION ALL
  MATCH (v:ArtifactVersion)
  WHERE v.id > $afterVersion
  RETURN 'ARTIFACT' AS kind, v.id AS id
  ORDER BY v.id
  LIMIT $limit
}
RETURN kind, id
