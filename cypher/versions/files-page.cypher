// A page of a version's files.
// @param versionId
// @param after
// @param limit
MATCH (f:VersionFile {versionId: $versionId})
WHERE f.id > $after
RETURN f {.*} AS file
ORDER BY f.id
LIMIT $limit
