// A page of the USED and LOGGED edges, in sequence order past $afterUsed and $afterLogged,
// for placing a graph made before nodes held places; at most $limit of each kind.
// @param afterUsed
// @param afterLogged
// @param limit
CALL () {
  MATCH (r:Run)-[e:USED]->(v:ArtifactVersion)
  WHERE e.seq > $afterUsed
  RETURN 'USED' AS kind, e.seq AS seq, r.id AS runId, v.id AS versionId
  ORDER BY e.seq
  LIMIT $limit
  UNION ALL
  MATCH (r:Run)-[e:LOGGED]->(v:ArtifactVersion)
  WHERE e.seq > $afterLogged
  RETURN 'LOGGED' AS kind, e.seq AS seq, r.id AS runId, v.id AS versionId
  ORDER BY e.seq
  LIMIT $limit
}
RETURN kind, seq, runId, versionId
