// Gives runs and versions new places in the lineage's topological order, as the cycle check
// decided; each list holds maps of id and place.
// @param runs
// @param versions
UNWIND $runs AS m
MATCH (r:Run {id: m.id})
SET r.place = m.place
WITH count(*) AS runs
UNWIND $versions AS m
MATCH (v:ArtifactVersion {id: m.id})
SET v.place = m.place
WITH runs, count(*) AS versions
RETURN runs + versions AS moved
