// The version of a project artifact that holds an alias.
// @param key
MATCH (x:Alias {key: $key})
MATCH (v:ArtifactVersion {id: x.holderId})
RETURN v.id AS id, v.versionIndex AS versionIndex
