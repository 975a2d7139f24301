// A project's runs counted per job type: the most common first, then by value; runs without one last.
// @param projectId
// @param first
MATCH (c:Run {projectId: $projectId})
WITH c.jobType AS value, count(*) AS count
RETURN value, count
ORDER BY count DESC, value
LIMIT $first
