// The server's secret of this name, stored on first use: every start and every server on the
// same database gets the same value.
// @param name
// @param value
MERGE (s:ServerSecret {name: $name})
ON CREATE SET s.value = $value
RETURN s.value AS value
