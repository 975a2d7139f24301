// Sets the last place given in the lineage's topological order, after a whole graph was placed.
// @param last
MERGE (q:Sequence {name: 'LineagePlace'})
SET q.value = $last
