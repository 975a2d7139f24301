// How many identity changes have been committed: 0 before the first.
OPTIONAL MATCH (e:Sequence {name: 'IdentityEpoch'})
RETURN coalesce(e.value, 0) AS epoch
