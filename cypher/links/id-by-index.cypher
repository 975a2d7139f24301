// The link of a collection with this index.
// @param path
// @param index
MATCH (c:Collection {path: $path})
MATCH (l:Link {collectionId: c.id, linkIndex: $index})
RETURN l.id AS id
