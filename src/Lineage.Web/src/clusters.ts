// Collapsing similar siblings. Five or more nodes of the same kind and type, at the same
// distance from the start and hanging off exactly the same drawn nodes one hop nearer the start
// (a cluster counts as one node, so the outputs of clustered runs cluster too),
// are drawn as one cluster with a count; the cluster's edges are its members' edges.

export interface GraphNode {
  id: string;
  kind: 'RUN' | 'ARTIFACT';
  name: string;
  path: string;
  type: string | null;
  hops: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: string;
}

export interface Cluster {
  id: string;
  key: string;
  kind: GraphNode['kind'];
  type: string | null;
  hops: number;
  members: GraphNode[];
}

export interface View {
  nodes: GraphNode[];
  clusters: Cluster[];
  edges: GraphEdge[];
  /** Which drawn node (a node's own id, or its cluster's) stands for each node. */
  drawnAs: Map<string, string>;
}

export const CLUSTER_THRESHOLD = 5;

export function clusterKey(node: GraphNode, parents: string[]): string {
  return `${node.kind}|${node.type ?? ''}|${node.hops}|${[...parents].sort().join(',')}`;
}

/** A cluster's id in the key of the nodes hanging off it: short, whatever the depth. */
function shortName(drawnId: string): string {
  if (!drawnId.startsWith('cluster:')) return drawnId;
  let hash = 0x811c9dc5;
  for (let i = 0; i < drawnId.length; i++) hash = Math.imul(hash ^ drawnId.charCodeAt(i), 0x01000193);
  return `cluster#${(hash >>> 0).toString(36)}`;
}

/** Groups siblings into clusters, leaving out the groups whose keys are in `expanded`. */
export function collapse(nodes: GraphNode[], edges: GraphEdge[], startId: string, expanded: ReadonlySet<string>): View {
  const hops = new Map(nodes.map((n) => [n.id, n.hops]));
  const parents = new Map<string, string[]>();
  for (const edge of edges) {
    for (const [node, other] of [[edge.from, edge.to], [edge.to, edge.from]]) {
      if ((hops.get(other) ?? -1) === (hops.get(node) ?? -2) - 1) {
        const list = parents.get(node) ?? [];
        list.push(other);
        parents.set(node, list);
      }
    }
  }

  // Level by level from the start, so that a node's parents are already drawn: the outputs of
  // clustered runs hang off that cluster, and cluster in their turn (the versions five similar
  // runs logged are drawn as one cluster of sibling versions).
  const drawnAs = new Map<string, string>();
  const clusters: Cluster[] = [];
  const levels = new Map<number, GraphNode[]>();
  for (const node of nodes) {
    if (node.id === startId) continue;
    const level = levels.get(node.hops) ?? [];
    level.push(node);
    levels.set(node.hops, level);
  }

  for (const level of [...levels.keys()].sort((a, b) => a - b)) {
    const groups = new Map<string, GraphNode[]>();
    for (const node of levels.get(level)!) {
      const drawnParents = [...new Set((parents.get(node.id) ?? []).map((p) => shortName(drawnAs.get(p) ?? p)))];
      const key = clusterKey(node, drawnParents);
      const group = groups.get(key) ?? [];
      group.push(node);
      groups.set(key, group);
    }

    for (const [key, members] of groups) {
      if (members.length < CLUSTER_THRESHOLD || expanded.has(key)) continue;
      const first = members[0];
      const cluster: Cluster = { id: `cluster:${key}`, key, kind: first.kind, type: first.type, hops: first.hops, members };
      clusters.push(cluster);
      for (const member of members) drawnAs.set(member.id, cluster.id);
    }
  }

  const shown = nodes.filter((n) => !drawnAs.has(n.id));
  for (const node of shown) drawnAs.set(node.id, node.id);

  const seen = new Set<string>();
  const drawnEdges: GraphEdge[] = [];
  for (const edge of edges) {
    const from = drawnAs.get(edge.from);
    const to = drawnAs.get(edge.to);
    if (!from || !to || from === to) continue;
    const id = `${from}->${to}`;
    if (seen.has(id)) continue;
    seen.add(id);
    drawnEdges.push({ from, to, kind: edge.kind });
  }

  return { nodes: shown, clusters, edges: drawnEdges, drawnAs };
}
