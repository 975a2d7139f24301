// An API key by id, without its secret hash.
// @param id
MATCH (k:ApiKey {id: $id})
RETURN k {.*, secretHash: null} AS key
