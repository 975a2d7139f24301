// Versions by id, in the order asked, with their aliases and whether latest is theirs.
// @param ids
UNWIND range(0, size($ids) - 1) AS i
MATCH (v:ArtifactVersion {id: $ids[i]})
RETURN v {.*,
  aliases: COLLECT { MATCH (x:Alias {scopeKind: 'ARTIFACT', holderId: v.id}) RETURN x.alias AS alias ORDER BY alias },
  latest: NOT EXISTS { MATCH (y:ArtifactVersion {artifactId: v.artifactId}) WHERE y.versionIndex > v.versionIndex }
} AS version
ORDER BY i
