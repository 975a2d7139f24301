// Linked versions by link id, in the order asked, with their source, aliases and whether latest is theirs.
// @param ids
UNWIND range(0, size($ids) - 1) AS i
MATCH (l:Link {id: $ids[i]})
MATCH (c:Collection {id: l.collectionId})
MATCH (v:ArtifactVersion {id: l.sourceVersionId})
RETURN l {.*,
  namespaceId: c.namespaceId, namespace: c.namespace, registry: c.registry, collection: c.name, type: c.type,
  source: v {.*},
  aliases: COLLECT { MATCH (x:Alias {scopeKind: 'COLLECTION', holderId: l.id}) RETURN x.alias AS alias ORDER BY alias },
  latest: NOT EXISTS { MATCH (y:Link {collectionId: l.collectionId}) WHERE y.linkIndex > l.linkIndex }
} AS link
ORDER BY i
