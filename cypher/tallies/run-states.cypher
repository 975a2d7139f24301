// A project's runs counted per state: the most common first, then by value.
// @param projectId
// @param first
MATCH (c:Run {projectId: $projectId})
WITH c.state AS value, count(*) AS count
RETURN value, count
ORDER BY count DESC, value
LIMIT $first
