// The newest link of a collection.
// @param path
MATCH (c:Collection {path: $path})
MATCH (l:Link {collectionId: c.id})
RETURN l.id AS id
ORDER BY l.linkIndex DESC
LIMIT 1
