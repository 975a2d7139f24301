// Serializes writes: every write transaction starts here, taking the write lock of the one
// WriteLock node, and holds it until it commits or rolls back (see docs/architecture.md).
MERGE (l:WriteLock {name: 'writes'})
SET l.taken = coalesce(l.taken, 0) + 1
RETURN l.taken AS taken
