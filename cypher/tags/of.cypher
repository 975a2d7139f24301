// The tags of many targets of one kind.
// @param kind
// @param ids
MATCH (t:Tag {kind: $kind})
WHERE t.targetId IN $ids
RETURN t.targetId AS id, t.tag AS tag
ORDER BY id, tag
