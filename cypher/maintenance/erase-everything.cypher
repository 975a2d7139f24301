// Erases every node and relationship of the database. The store never sends it: the Neo4j
// contract tests do, to start each test from an empty database.
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
