// One level of a cycle check's upstream search: the runs that logged the given versions and
// the versions the given runs used, placed at least $bound, with their places.
// @param runs
// @param versions
// @param bound
MATCH (r:Run)-[:LOGGED]->(v:ArtifactVersion)
WHERE v.id IN $versions AND r.place >= $bound
RETURN 'ARTIFACT' AS fromKind, v.id AS fromId, 'RUN' AS toKind, r.id AS toId, r.place AS place
UNION ALL
MATCH (r:Run)-[:USED]->(v:ArtifactVersion)
WHERE r.id IN $runs AND v.place >= $bound
RETURN 'RUN' AS fromKind, r.id AS fromId, 'ARTIFACT' AS toKind, v.id AS toId, v.place AS place
