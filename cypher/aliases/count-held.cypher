// How many aliases a version (of a project artifact) or a link (of a collection) holds.
// @param scopeKind
// @param holderId
MATCH (x:Alias {scopeKind: $scopeKind, holderId: $holderId})
RETURN count(x) AS held
