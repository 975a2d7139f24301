// Records that a one-time change of the database's data has been made.
// @param name
// @param at
MERGE (m:Migration {name: $name})
ON CREATE SET m.at = $at
