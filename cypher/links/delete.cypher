// Removes a link and its tags.
// @param id
MATCH (l:Link {id: $id})
OPTIONAL MATCH (t:Tag {kind: 'LINK', targetId: l.id})
DETACH DELETE l, t
