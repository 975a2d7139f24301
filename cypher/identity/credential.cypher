// An API key by id, with its owner.
// @param id
MATCH (k:ApiKey {id: $id})
MATCH (p:Principal {id: k.principalId})
RETURN k {.*} AS key, p {.*} AS principal
