// Runs, project artifacts and collections whose name contains the text (lower-cased), found
// through the text indexes on their lower-cased names (searchName), among
// the namespaces and registries the caller may see (all when null); each kind gives its best
// `first` in the final order (ties broken by path), and the store merges them.
// @param text
// @param first
// @param visible
// @param registries
CALL () {
  MATCH (r:Run)
  WHERE r.searchName CONTAINS $text AND ($visible IS NULL OR r.namespaceId IN $visible)
  RETURN 'RUN' AS kind, r.name AS name, r.path AS path, r.jobType AS type
  ORDER BY CASE WHEN r.searchName STARTS WITH $text THEN 0 ELSE 1 END, size(r.name), r.name, r.path
  LIMIT $first
  UNION ALL
  MATCH (a:Artifact)
  WHERE a.searchName CONTAINS $text AND ($visible IS NULL OR a.namespaceId IN $visible)
  RETURN 'ARTIFACT' AS kind, a.name AS name, a.path AS path, a.type AS type
  ORDER BY CASE WHEN a.searchName STARTS WITH $text THEN 0 ELSE 1 END, size(a.name), a.name, a.path
  LIMIT $first
  UNION ALL
  MATCH (c:Collection)
  WHERE c.searchName CONTAINS $text AND ($registries IS NULL OR c.registryId IN $registries)
  RETURN 'COLLECTION' AS kind, c.name AS name, c.path AS path, c.type AS type
  ORDER BY CASE WHEN c.searchName STARTS WITH $text THEN 0 ELSE 1 END, size(c.name), c.name, c.path
  LIMIT $first
}
RETURN kind, name, path, type
