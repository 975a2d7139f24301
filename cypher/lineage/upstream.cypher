// One level of an upstream walk: the runs that logged the given versions, and the versions the
// given runs used, with each neighbour's type and namespace.
// Neighbours the walk would leave out anyway (in a namespace the caller may not see, or of a
// type the query does not ask for: LineageWalker's rule, which still decides) are not sent;
// null filters let everything through, as a cycle check needs. With $asOf, only edges recorded
// at or before that time are followed (an edge is recorded after both its ends).
// @param runs
// @param versions
// @param visible
// @param jobTypes
// @param artifactTypes
// @param asOf
MATCH (r:Run)-[e:LOGGED]->(v:ArtifactVersion)
WHERE ($asOf IS NULL OR e.createdAt <= $asOf)
  AND v.id IN $versions
  AND ($visible IS NULL OR r.namespaceId IN $visible)
  AND ($jobTypes IS NULL OR r.jobType IN $jobTypes)
RETURN 'ARTIFACT' AS fromKind, v.id AS fromId, 'RUN' AS toKind, r.id AS toId, r.jobType AS toType, r.namespaceId AS toNamespace
UNION ALL
MATCH (r:Run)-[e:USED]->(v:ArtifactVersion)
WHERE ($asOf IS NULL OR e.createdAt <= $asOf)
  AND r.id IN $runs
  AND ($visible IS NULL OR v.namespaceId IN $visible)
  AND ($artifactTypes IS NULL OR v.type IN $artifactTypes)
RETURN 'RUN' AS fromKind, r.id AS fromId, 'ARTIFACT' AS toKind, v.id AS toId, v.type AS toType, v.namespaceId AS toNamespace
