// Tags a collection, version or link; a tag it already has stays as it was. Returns the tags
// that were new.
// @param kind
// @param targetId
// @param tags
// @param at
// @param by
UNWIND $tags AS tag
OPTIONAL MATCH (old:Tag {key: $kind + ':' + toString($targetId) + ':' + tag})
WITH tag, old IS NULL AS added
MERGE (t:Tag {key: $kind + ':' + toString($targetId) + ':' + tag})
ON CREATE SET t.kind = $kind, t.targetId = $targetId, t.tag = tag, t.createdAt = $at, t.createdBy = $by
WITH tag, added
WHERE added
RETURN tag
