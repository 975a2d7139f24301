// A project's artifacts counted per type: the most common first, then by value.
// @param projectId
// @param first
MATCH (c:Artifact {projectId: $projectId})
WITH c.type AS value, count(*) AS count
RETURN value, count
ORDER BY count DESC, value
LIMIT $first
