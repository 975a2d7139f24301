// One level of a cycle check's downstream search: the runs that used the given versions and
// the versions the given runs logged, placed at most $bound, with their places. Nothing
// placed above the bound can lie on the cycle the check looks for, so it is never sent.
// @param runs
// @param versions
// @param bound
MATCH (r:Run)-[:USED]->(v:ArtifactVersion)
WHERE v.id IN $versions AND r.place <= $bound
RETURN 'ARTIFACT' AS fromKind, v.id AS fromId, 'RUN' AS toKind, r.id AS toId, r.place AS place
UNION ALL
MATCH (r:Run)-[:LOGGED]->(v:ArtifactVersion)
WHERE r.id IN $runs AND v.place <= $bound
RETURN 'RUN' AS fromKind, r.id AS fromId, 'ARTIFACT' AS toKind, v.id AS toId, v.place AS place
