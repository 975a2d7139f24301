// The link of a version in a collection, if it is linked there.
// @param collectionId
// @param versionId
MATCH (l:Link {collectionId: $collectionId, sourceVersionId: $versionId})
RETURN l.id AS id, l.linkIndex AS linkIndex
