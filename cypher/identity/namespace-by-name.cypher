// A user namespace, team or organization by name.
// @param name
MATCH (n:Namespace {name: $name})
RETURN n {.*} AS namespace
