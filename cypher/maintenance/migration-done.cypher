// Whether a one-time change of the database's data has been made.
// @param name
OPTIONAL MATCH (m:Migration {name: $name})
RETURN m IS NOT NULL AS done
