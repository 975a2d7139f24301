// Large views open on what the viewport shows and fill in the rest a slice at a time, nearest
// first, between which the page answers clicks, drags and keys. Styling thousands of elements at
// once keeps the main thread busy for a second or more; the first slice holds a few dozen.
import type { ElementDefinition } from 'cytoscape';

export interface Point {
  x: number;
  y: number;
}

/** The part of the layout the viewport shows at first: its centre, and half its width and height in layout units. */
export interface Opening {
  center: Point;
  halfWidth: number;
  halfHeight: number;
}

/**
 * Splits laid-out elements into slices: the first holds every node within the opening viewport
 * (and a margin of half a viewport), the rest hold `size` nodes each, nearer ones first. Each
 * edge goes into the slice that adds the later of its two ends.
 */
export function slices(nodes: ElementDefinition[], edges: ElementDefinition[], opening: Opening, size: number): ElementDefinition[][] {
  const distance = (node: ElementDefinition) => {
    const p = node.position ?? { x: 0, y: 0 };
    return Math.max(Math.abs(p.x - opening.center.x) / opening.halfWidth, Math.abs(p.y - opening.center.y) / opening.halfHeight);
  };
  const measured = nodes.map((node) => ({ node, distance: distance(node) })).sort((a, b) => a.distance - b.distance);
  const first = measured.findIndex((m) => m.distance > 1.5);
  const split = first < 0 ? measured.length : first;

  const parts: ElementDefinition[][] = [measured.slice(0, split).map((m) => m.node)];
  for (let i = split; i < measured.length; i += size) parts.push(measured.slice(i, i + size).map((m) => m.node));

  const sliceOf = new Map<string, number>();
  parts.forEach((part, index) => part.forEach((node) => sliceOf.set(String(node.data.id), index)));
  for (const edge of edges) {
    const index = Math.max(sliceOf.get(String(edge.data.source)) ?? 0, sliceOf.get(String(edge.data.target)) ?? 0);
    parts[index].push(edge);
  }

  return parts;
}

/**
 * Where a large view opens: the whole layout when it fits at a zoom its names can be read at,
 * otherwise the start node at that zoom (or, with no start, the whole layout however small).
 */
export function opening(positions: Point[], start: Point | undefined, width: number, height: number, readable: number): { zoom: number; center: Point } {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const p of positions) {
    x1 = Math.min(x1, p.x); y1 = Math.min(y1, p.y); x2 = Math.max(x2, p.x); y2 = Math.max(y2, p.y);
  }

  const padding = 60;
  const fit = Math.min(width / Math.max(x2 - x1 + padding * 2, 1), height / Math.max(y2 - y1 + padding * 2, 1));
  if (fit >= readable || !start) return { zoom: Math.min(fit, readable), center: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 } };
  return { zoom: readable, center: start };
}
