// Gives an alias to a version or link, taking it from whichever held it.
// @param key
// @param scopeKind
// @param scopeId
// @param alias
// @param holderId
// @param at
// @param by
MERGE (x:Alias {key: $key})
SET x.scopeKind = $scopeKind, x.scopeId = $scopeId, x.alias = $alias, x.holderId = $holderId, x.createdAt = $at, x.createdBy = $by
