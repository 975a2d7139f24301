// Whether a principal or namespace already holds a name: they share one set of names.
// @param name
RETURN EXISTS { MATCH (:Namespace {name: $name}) } OR EXISTS { MATCH (:Principal {name: $name}) } AS taken
