// A user or service account by name.
// @param name
MATCH (p:Principal {name: $name})
RETURN p {.*} AS principal
