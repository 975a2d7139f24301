// Whether an owner/name path is taken by a project or by a registry.
// @param path
RETURN EXISTS { MATCH (:Project {path: $path}) } AS project, EXISTS { MATCH (:Registry {path: $path}) } AS registry
