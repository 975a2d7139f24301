// Tags a collection, version or link; a tag it already has stays as it was.
// @param kind
// @param targetId
// @param tags
// @param at
// @param by
UNWIND $tags AS tag
MERGE (t:Tag {key: $kind + ':' + toString($targetId) + ':' + tag})
ON CREATE SET t.kind = $kind, t.targetId = $targetId, t.tag = tag, t.createdAt = $at, t.createdBy = $by
