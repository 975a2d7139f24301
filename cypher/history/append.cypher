// Appends one event to a chain and records the chain's new length and head. Events are only ever
// created: no statement in cypher/ changes or deletes one.
// @param id
// @param chain
// @param targetKind
// @param targetId
// @param target
// @param position
// @param format
// @param action
// @param at
// @param actor
// @param version
// @param source
// @param sourceSalt
// @param alias
// @param tag
// @param member
// @param role
// @param visibility
// @param requestId
// @param subjectId
// @param sourceNamespaceId
// @param hash
MERGE (q:Sequence {name: 'AuditEvent'})
SET q.value = $id
MERGE (c:AuditChain {key: $chain})
SET c.length = $position, c.head = $hash
CREATE (:AuditEvent {
  id: $id, chain: $chain, targetKind: $targetKind, targetId: $targetId, target: $target, position: $position,
  format: $format, action: $action, at: $at, actor: $actor, version: $version, source: $source, sourceSalt: $sourceSalt,
  alias: $alias, tag: $tag, member: $member, role: $role, visibility: $visibility, requestId: $requestId,
  subjectId: $subjectId, sourceNamespaceId: $sourceNamespaceId, hash: $hash})
