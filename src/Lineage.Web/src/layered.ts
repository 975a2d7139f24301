// A layered layout for large views, in linear time: each node's column is its signed distance
// from the start along the data flow (upstream to the left, downstream to the right), and
// within a column nodes are ordered by the mean row of the nodes they hang off, so that
// siblings stay together. dagre draws small views with fewer crossings, but takes seconds on
// thousands of nodes; this takes milliseconds.

export interface LayeredNode {
  id: string;
  hops: number;
  width: number;
}

export interface LayeredEdge {
  from: string;
  to: string;
}

const ROW = 44;
const COLUMN_GAP = 90;

export function layered(nodes: LayeredNode[], edges: LayeredEdge[], startId: string | undefined): Map<string, { x: number; y: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const neighbours = new Map<string, { id: string; downstream: boolean }[]>();
  const link = (a: string, b: string, downstream: boolean) => {
    const list = neighbours.get(a) ?? [];
    list.push({ id: b, downstream });
    neighbours.set(a, list);
  };
  for (const e of edges) {
    if (!byId.has(e.from) || !byId.has(e.to)) continue;
    link(e.from, e.to, true);
    link(e.to, e.from, false);
  }

  // Columns: walk out from the start (or the nearest nodes), nearer nodes first.
  const column = new Map<string, number>();
  const parents = new Map<string, string[]>();
  const order = [...nodes].sort((a, b) => a.hops - b.hops);
  for (const node of order) {
    if (node.id === startId || !column.size) {
      if (!column.has(node.id)) column.set(node.id, 0);
    }

    const near = (neighbours.get(node.id) ?? []).filter((n) => column.has(n.id) && (byId.get(n.id)!.hops < node.hops || n.id === startId));
    if (!column.has(node.id)) {
      // Downstream of a placed neighbour: one column to its right; upstream: one to its left.
      const placed = near[0];
      column.set(node.id, placed ? column.get(placed.id)! + (placed.downstream ? -1 : 1) : 0);
    }

    parents.set(node.id, near.map((n) => n.id));
  }

  const columns = new Map<number, LayeredNode[]>();
  for (const node of order) {
    const c = column.get(node.id)!;
    const list = columns.get(c) ?? [];
    list.push(node);
    columns.set(c, list);
  }

  // Rows, column by column outward from the start: by the mean row of each node's parents.
  const row = new Map<string, number>();
  const keys = [...columns.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
  for (const c of keys) {
    const list = columns.get(c)!;
    const weight = (n: LayeredNode) => {
      const ps = (parents.get(n.id) ?? []).filter((p) => row.has(p));
      return ps.length ? ps.reduce((sum, p) => sum + row.get(p)!, 0) / ps.length : 0;
    };
    const weights = new Map(list.map((n) => [n.id, weight(n)]));
    list.sort((a, b) => weights.get(a.id)! - weights.get(b.id)!);
    list.forEach((n, i) => row.set(n.id, i - (list.length - 1) / 2));
  }

  // Column widths follow their widest node, so that long run names do not overlap.
  const widths = new Map([...columns].map(([c, list]) => [c, Math.max(...list.map((n) => n.width))]));
  const x = new Map<number, number>([[0, 0]]);
  const sorted = [...columns.keys()].sort((a, b) => a - b);
  for (const c of sorted.filter((c) => c > 0)) x.set(c, x.get(c - 1)! + (widths.get(c - 1)! + widths.get(c)!) / 2 + COLUMN_GAP);
  for (const c of sorted.filter((c) => c < 0).reverse()) x.set(c, x.get(c + 1)! - (widths.get(c + 1)! + widths.get(c)!) / 2 - COLUMN_GAP);

  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) positions.set(node.id, { x: x.get(column.get(node.id)!) ?? 0, y: row.get(node.id)! * ROW });
  return positions;
}
