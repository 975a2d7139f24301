// The link of a collection that holds an alias, with its source version.
// @param key
MATCH (x:Alias {key: $key})
MATCH (l:Link {id: x.holderId})
MATCH (v:ArtifactVersion {id: l.sourceVersionId})
RETURN l.id AS id, l.linkIndex AS versionIndex,
       v.namespace + '/' + v.project + '/' + v.artifactName + ':v' + toString(v.versionIndex) AS source, v.namespaceId AS sourceNamespaceId
