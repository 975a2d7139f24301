// The places of runs and versions in the lineage's topological order, which the cycle check
// reads and keeps (every edge leads from a lower place to a higher one).
// @param runs
// @param versions
MATCH (r:Run)
WHERE r.id IN $runs
RETURN 'RUN' AS kind, r.id AS id, r.place AS place
UNION ALL
MATCH (v:ArtifactVersion)
WHERE v.id IN $versions
RETURN 'ARTIFACT' AS kind, v.id AS id, v.place AS place
