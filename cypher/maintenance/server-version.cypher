// The server's version, asked through the Query API itself: for servers (Aura) that do not
// answer discovery at their root.
CALL dbms.components() YIELD name, versions
WHERE name = 'Neo4j Kernel'
RETURN versions[0] AS version
