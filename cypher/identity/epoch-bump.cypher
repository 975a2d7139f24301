// Counts one more change to principals, grants, registries or keys, in the transaction that makes it.
MERGE (e:Sequence {name: 'IdentityEpoch'})
SET e.value = coalesce(e.value, 0) + 1
