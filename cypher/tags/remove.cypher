// Removes tags from a collection, version or link. Returns the tags that were there.
// @param kind
// @param targetId
// @param tags
UNWIND $tags AS tag
MATCH (t:Tag {key: $kind + ':' + toString($targetId) + ':' + tag})
DELETE t
RETURN tag
