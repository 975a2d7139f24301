// One page of a registry's collections that the filter keeps, in the order asked ($field, $descending),
// after the item $after (0 for the first page): that item is found again by id and the page
// continues after its place, ties broken by id. found is false when $after is not in the list.
// @param parent
// @param types
// @param createdBy
// @param createdAfter
// @param createdBefore
// @param nameContains
// @param name
// @param tags
// @param field
// @param descending
// @param after
// @param limit
OPTIONAL MATCH (x:Collection {id: $after, registryId: $parent})
WITH x, CASE $field WHEN 'CREATED_AT' THEN x.createdAt WHEN 'NAME' THEN x.name WHEN 'TYPE' THEN x.type END AS afterKey
CALL (x, afterKey) {
  MATCH (c:Collection {registryId: $parent})
  WITH c, CASE $field WHEN 'CREATED_AT' THEN c.createdAt WHEN 'NAME' THEN c.name WHEN 'TYPE' THEN c.type END AS key
  WHERE ($types IS NULL OR c.type IN $types)
  AND ($createdBy IS NULL OR c.createdBy = $createdBy)
  AND ($createdAfter IS NULL OR c.createdAt >= $createdAfter)
  AND ($createdBefore IS NULL OR c.createdAt < $createdBefore)
  AND ($nameContains IS NULL OR toLower(c.name) CONTAINS toLower($nameContains))
  AND ($name IS NULL OR c.name = $name)
  AND ($tags IS NULL OR EXISTS { MATCH (g:Tag {kind: 'COLLECTION', targetId: c.id}) WHERE g.tag IN $tags })
    AND (x IS NULL
      OR ($descending AND (key < afterKey OR (key = afterKey AND c.id < x.id)))
      OR (NOT $descending AND (key > afterKey OR (key = afterKey AND c.id > x.id))))
  WITH c, key
  ORDER BY CASE WHEN $descending THEN null ELSE key END,
    CASE WHEN $descending THEN key END DESC,
    CASE WHEN $descending THEN null ELSE c.id END,
    CASE WHEN $descending THEN c.id END DESC
  LIMIT $limit
  RETURN collect(c.id) AS ids
}
RETURN x IS NOT NULL AS found, ids
