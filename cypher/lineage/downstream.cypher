// One level of a downstream walk: the runs that used the given versions, and the versions the
// given runs logged, with each neighbour's type and namespace.
// @param runs
// @param versions
MATCH (r:Run)-[:USED]->(v:ArtifactVersion)
WHERE v.id IN $versions
RETURN 'ARTIFACT' AS fromKind, v.id AS fromId, 'RUN' AS toKind, r.id AS toId, r.jobType AS toType, r.namespaceId AS toNamespace
UNION ALL
MATCH (r:Run)-[:LOGGED]->(v:ArtifactVersion)
WHERE r.id IN $runs
RETURN 'RUN' AS fromKind, r.id AS fromId, 'ARTIFACT' AS toKind, v.id AS toId, v.type AS toType, v.namespaceId AS toNamespace
