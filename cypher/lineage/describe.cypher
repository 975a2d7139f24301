// How lineage nodes are shown: name, project path, type and namespace.
// @param runs
// @param versions
MATCH (r:Run)
WHERE r.id IN $runs
RETURN 'RUN' AS kind, r.id AS id, r.name AS name, r.namespace + '/' + r.project AS project, r.jobType AS type, r.namespaceId AS namespaceId
UNION ALL
MATCH (v:ArtifactVersion)
WHERE v.id IN $versions
RETURN 'ARTIFACT' AS kind, v.id AS id, v.artifactName + ':v' + toString(v.versionIndex) AS name,
       v.namespace + '/' + v.project AS project, v.type AS type, v.namespaceId AS namespaceId
