// The drawn view exported: as a picture (PNG, SVG) or as text another tool draws (Mermaid, DOT).
import type { Core } from 'cytoscape';
import { download } from './export';
import { POINTS } from './looks';

/** The file name of an export of the view that starts at `start`. */
function fileName(start: string, extension: string): string {
  return `lineage-${start.replace(/[^A-Za-z0-9._-]+/g, '_')}.${extension}`;
}

export function exportPng(cy: Core, start: string, background: string): void {
  download(fileName(start, 'png'), 'image/png', cy.png({ full: true, scale: 2, bg: background, output: 'blob' }) as unknown as Blob);
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The view as SVG: every node in its shape and colour with its label, every edge with its arrow, as laid out. */
export function svgOf(cy: Core, ink: string): string {
  const box = cy.elements().boundingBox({});
  const pad = 20;
  const parts: string[] = [];
  for (const edge of cy.edges()) {
    const a = edge.source().position();
    const b = edge.target().position();
    parts.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="#94a3b8" stroke-width="1.5" marker-end="url(#arrow)"/>`);
  }
  for (const node of cy.nodes()) {
    const { x, y } = node.position();
    const w = node.width();
    const hgt = node.height();
    const color = String(node.data('color') ?? '#64748b');
    const shape = node.hasClass('run') && !node.hasClass('cluster') ? 'round-rectangle' : node.hasClass('cluster') ? 'octagon' : String(node.data('shape') ?? 'ellipse');
    const left = x - w / 2;
    const top = y - hgt / 2;
    if (shape === 'ellipse') parts.push(`<ellipse cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" rx="${(w / 2).toFixed(1)}" ry="${(hgt / 2).toFixed(1)}" fill="${color}"/>`);
    else if (shape === 'round-rectangle' || shape === 'barrel') parts.push(`<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${w.toFixed(1)}" height="${hgt.toFixed(1)}" rx="${shape === 'barrel' ? hgt / 2 : 6}" fill="${color}"/>`);
    else {
      const points = (POINTS[shape] ?? '30,4 70,4 96,30 96,70 70,96 30,96 4,70 4,30').split(' ').map((p) => {
        const [px, py] = p.split(',').map(Number);
        return `${(left + (px / 100) * w).toFixed(1)},${(top + (py / 100) * hgt).toFixed(1)}`;
      });
      parts.push(`<polygon points="${points.join(' ')}" fill="${color}"${node.hasClass('cluster') ? ` stroke="${ink}" stroke-width="3"` : ''}/>`);
    }

    const inside = node.hasClass('run') && !node.hasClass('cluster');
    parts.push(`<text x="${x.toFixed(1)}" y="${(inside ? y + 4 : y + hgt / 2 + 14).toFixed(1)}" text-anchor="middle" font-size="11" fill="${inside ? '#ffffff' : ink}">${xml(String(node.data('label') ?? ''))}</text>`);
  }

  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${(box.x1 - pad).toFixed(1)} ${(box.y1 - pad).toFixed(1)} ${(box.w + 2 * pad).toFixed(1)} ${(box.h + 2 * pad + 16).toFixed(1)}" font-family="system-ui, sans-serif">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="22" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#94a3b8"/></marker></defs>
${parts.join('\n')}
</svg>
`;
}

/** Short ids for text formats, in the order the nodes are drawn. */
function ids(cy: Core): Map<string, string> {
  return new Map(cy.nodes().map((n, i) => [n.id(), `n${i}`]));
}

/** The view as a Mermaid flowchart: runs as rounded boxes, versions as circles, clusters as hexagons, edges the way data flows. */
export function mermaidOf(cy: Core): string {
  const id = ids(cy);
  const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;
  const lines = ['flowchart LR'];
  for (const node of cy.nodes()) {
    const text = label(String(node.data('label') ?? node.id()));
    const n = id.get(node.id());
    lines.push(node.hasClass('cluster') ? `  ${n}{{${text}}}` : node.hasClass('run') ? `  ${n}(${text})` : `  ${n}((${text}))`);
  }
  for (const edge of cy.edges()) lines.push(`  ${id.get(edge.source().id())} --> ${id.get(edge.target().id())}`);
  return lines.join('\n') + '\n';
}

/** The view as Graphviz DOT, each node filled with its colour. */
export function dotOf(cy: Core): string {
  const id = ids(cy);
  const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = ['digraph lineage {', '  rankdir=LR;', '  node [style=filled, fontcolor=white, fontname="sans-serif"];'];
  for (const node of cy.nodes()) {
    const shape = node.hasClass('cluster') ? 'octagon' : node.hasClass('run') ? 'box' : 'ellipse';
    lines.push(`  ${id.get(node.id())} [label=${quote(String(node.data('label') ?? node.id()))}, shape=${shape}, fillcolor=${quote(String(node.data('color') ?? '#64748b'))}];`);
  }
  for (const edge of cy.edges()) lines.push(`  ${id.get(edge.source().id())} -> ${id.get(edge.target().id())};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function exportText(start: string, format: 'svg' | 'mmd' | 'dot', text: string): void {
  download(fileName(start, format), format === 'svg' ? 'image/svg+xml' : 'text/plain', text);
}
