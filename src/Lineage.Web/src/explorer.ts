import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { gql } from './api';
import { collapse, type Cluster, type GraphEdge, type GraphNode, type View } from './clusters';
import { showRun, showVersion } from './details';
import { errorBox, h } from './dom';
import { layered } from './layered';
import { artifactLook, lookIcon, runLook } from './looks';
import { minimap } from './minimap';
import { showComparison, showImpact } from './modes';
import { versionPicker } from './pages';
import { opening, slices } from './progressive';
import { dotOf, exportPng, exportText, mermaidOf, svgOf } from './viewexport';
import { searchBox } from './search';

cytoscape.use(dagre);

/** What the URL says about the view: #/lineage?start=…&dir=BOTH&depth=3&types=…&jobs=…&expand=… */
export interface LineageView {
  start: string;
  direction: 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';
  depth: number;
  artifactTypes: string[];
  jobTypes: string[];
  expanded: string[];
  maxNodes: number;
  /** A past time (ISO): only what was recorded by then is drawn. */
  asOf: string;
  /** Explore; impact: what the registries hold downstream; compare: against another version's upstream. */
  mode: 'explore' | 'impact' | 'compare';
  /** The version (or run) compare mode compares the start with. */
  compareWith: string;
}

export function readView(params: URLSearchParams): LineageView {
  const direction = params.get('dir');
  const list = (name: string) => (params.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    start: params.get('start') ?? '',
    direction: direction === 'UPSTREAM' || direction === 'DOWNSTREAM' ? direction : 'BOTH',
    depth: clamp(Number(params.get('depth') ?? 3), 0, 100, 3),
    artifactTypes: list('types'),
    jobTypes: list('jobs'),
    expanded: params.getAll('expand'),
    maxNodes: clamp(Number(params.get('max') ?? 2000), 1, 50000, 2000),
    asOf: params.get('asof') ?? '',
    mode: params.get('mode') === 'impact' ? 'impact' : params.get('mode') === 'compare' ? 'compare' : 'explore',
    compareWith: params.get('with') ?? '',
  };
}

export function viewUrl(view: LineageView): string {
  const params = new URLSearchParams({ start: view.start, dir: view.direction, depth: String(view.depth) });
  if (view.artifactTypes.length) params.set('types', view.artifactTypes.join(','));
  if (view.jobTypes.length) params.set('jobs', view.jobTypes.join(','));
  if (view.maxNodes !== 2000) params.set('max', String(view.maxNodes));
  if (view.asOf) params.set('asof', view.asOf);
  if (view.mode !== 'explore') params.set('mode', view.mode);
  if (view.mode === 'compare' && view.compareWith) params.set('with', view.compareWith);
  for (const key of view.expanded) params.append('expand', key);
  return `#/lineage?${params}`;
}

function clamp(value: number, low: number, high: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, Math.trunc(value))) : fallback;
}

interface LineageAnswer {
  lineage: { truncated: boolean; nodes: GraphNode[]; edges: GraphEdge[] };
}

const LINEAGE = `query Lineage($start: String!, $dir: LineageDirection, $depth: Int, $types: [String!], $jobs: [String!], $max: Int, $asOf: DateTime) {
  lineage(start: $start, direction: $dir, depth: $depth, artifactTypes: $types, jobTypes: $jobs, maxNodes: $max, asOf: $asOf) {
    truncated
    nodes { id kind name path type hops }
    edges { from to kind }
  }
}`;

declare global {
  interface Window {
    /** The drawn graph, for the browser tests and anyone debugging in the console. */
    lineageCy?: Core;
  }
}

/** The graph of the view on screen once all of it is drawn: what exports, modes and the node list work on. */
let whole: Promise<Core> | undefined;

/** Zoom at which names inside and under nodes can be read: large views open at it. */
const READABLE_ZOOM = 0.8;
/** Nodes added to a large view at a time, after the part the viewport opens on. */
const SLICE = 100;

/** The lineage explorer: controls, the graph, and the details panel. */
export function renderExplorer(root: HTMLElement, params: URLSearchParams): void {
  // The previous view's renderer keeps an animation loop and listeners until it is destroyed.
  window.lineageCy?.destroy();
  window.lineageCy = undefined;
  whole = undefined;

  const view = readView(params);
  const go = (next: LineageView) => {
    location.hash = viewUrl(next);
  };
  const open = (start: string) => go({ ...view, start, expanded: [] });

  const direction = h('select', { name: 'direction', 'aria-label': 'Direction' },
    ...(['BOTH', 'UPSTREAM', 'DOWNSTREAM'] as const).map((d) => h('option', { value: d, selected: d === view.direction }, d.toLowerCase())));
  const depth = h('input', { name: 'depth', type: 'number', min: 0, max: 100, value: view.depth, 'aria-label': 'Depth' });
  const types = h('input', { name: 'types', placeholder: 'artifact types, e.g. dataset,model', value: view.artifactTypes.join(','), 'aria-label': 'Artifact types' });
  const jobs = h('input', { name: 'jobs', placeholder: 'job types, e.g. train', value: view.jobTypes.join(','), 'aria-label': 'Job types' });
  const find = h('input', { name: 'find', type: 'search', placeholder: 'find in this view', 'aria-label': 'Find in this view' });
  const mode = h('select', { name: 'mode', 'aria-label': 'Mode' },
    ...(['explore', 'impact', 'compare'] as const).map((m) => h('option', { value: m, selected: m === view.mode }, m)));
  const compareWith = h('input', { name: 'with', value: view.compareWith, placeholder: 'compare with, e.g. …:v0', 'aria-label': 'Compare with', hidden: view.mode !== 'compare' });
  mode.onchange = () => { compareWith.hidden = mode.value !== 'compare'; };
  // The browser's local time in the field; the address keeps it in UTC.
  const asOf = h('input', { name: 'asof', type: 'datetime-local', step: 1, value: view.asOf ? localInput(view.asOf) : '', 'aria-label': 'As of' });
  const controls = h('form', { class: 'controls', onsubmit: (e: Event) => {
    e.preventDefault();
    go({
      ...view,
      direction: direction.value as LineageView['direction'],
      depth: Number(depth.value),
      artifactTypes: types.value.split(',').map((s) => s.trim()).filter(Boolean),
      jobTypes: jobs.value.split(',').map((s) => s.trim()).filter(Boolean),
      asOf: asOf.value ? new Date(asOf.value).toISOString() : '',
      mode: mode.value as LineageView['mode'],
      compareWith: compareWith.value.trim(),
    });
  } },
    h('label', {}, 'Direction ', direction),
    h('label', {}, 'Depth ', depth),
    types, jobs,
    h('label', {}, 'As of ', asOf),
    h('label', {}, 'Mode ', mode),
    compareWith,
    h('button', { type: 'submit' }, 'Apply'),
    find,
  );

  const status = h('p', { class: 'status', id: 'lineage-status' });
  // data-view names the address this graph was drawn for; data-ready says it is drawn.
  const canvas = h('div', { id: 'graph', class: 'graph', role: 'img', 'aria-label': 'Lineage graph', 'data-view': location.hash });
  const panel = h('aside', { id: 'details', class: 'details', tabindex: -1, 'aria-label': 'Details' }, h('p', { class: 'muted' }, 'Select a node to see its details; double-click one to centre the lineage on it.'));
  const nodeList = h('ul', { class: 'plain node-list' });
  const listing = h('details', { class: 'listing' }, h('summary', {}, 'Nodes in this view'), nodeList);
  const exports = h('div', { class: 'exports', role: 'group', 'aria-label': 'Export this view' });
  const modeBox = h('section', { class: 'mode-box', 'aria-label': view.mode === 'impact' ? 'Impact' : 'Comparison', hidden: view.mode === 'explore' });
  const legend = h('section', { class: 'legend', 'aria-label': 'Legend' });
  const heading = h('h1', { class: 'start' }, view.start);
  root.replaceChildren(
    h('section', { class: 'explorer' },
      view.start ? null : h('h1', {}, 'Lineage explorer'),
      h('div', { class: 'toolbar' }, searchBox(open), view.start ? heading : null),
      view.start ? controls : null,
      status,
      h('div', { class: 'stage' }, canvas, panel),
      modeBox,
      exports,
      legend,
      view.start ? listing : null,
    ),
  );

  if (!view.start) {
    // Nothing drawn: the box holds a hint with a link, not a picture.
    canvas.removeAttribute('role');
    canvas.removeAttribute('aria-label');
    canvas.replaceChildren(h('div', { class: 'empty' },
      h('p', { class: 'muted' }, 'Search for a run, an artifact or a collection above to draw its lineage, or ',
        h('a', { href: '#/browse' }, 'browse namespaces and projects'), ' and open any run or version in lineage.')));
    return;
  }

  // A version's siblings, to draw another version of the same artifact or collection.
  if (view.start.includes(':')) {
    void versionPicker(view.start, (picked) => open(picked)).then((picker) => {
      if (!picker || !heading.isConnected) return;
      const colon = view.start.lastIndexOf(':');
      heading.replaceChildren(view.start.slice(0, colon), ':', picker);
    });
  }

  performance.clearMarks();
  performance.mark('lineage:start');
  status.textContent = 'Loading…';
  gql<LineageAnswer>(LINEAGE, {
    start: view.start,
    dir: view.direction,
    depth: view.depth,
    types: view.artifactTypes.length ? view.artifactTypes : null,
    jobs: view.jobTypes.length ? view.jobTypes : null,
    max: view.maxNodes,
    asOf: view.asOf || null,
  }).then(
    ({ lineage }) => {
      if (!canvas.isConnected) return; // the user has moved on to another view
      performance.mark('lineage:data');
      const startNode = lineage.nodes.find((n) => n.hops === 0);
      const drawn = collapse(lineage.nodes, lineage.edges, startNode?.id ?? '', new Set(view.expanded));
      performance.mark('lineage:collapsed');
      status.textContent =
        `${lineage.nodes.length} nodes, ${lineage.edges.length} edges` +
        (drawn.clusters.length ? `; ${drawn.clusters.length} cluster${drawn.clusters.length > 1 ? 's' : ''} (click one to expand it)` : '') +
        (lineage.truncated ? '. The depth or the node budget left nodes out.' : '.');
      whole = draw(canvas, panel, drawn, startNode?.id, view, go, open, find);
      legend.replaceChildren(...legendOf(drawn));
      // The list is made when first opened: thousands of buttons are not worth making for nobody.
      const fill = () => {
        if (!listing.open || nodeList.childElementCount) return;
        nodeList.replaceChildren(...lineage.nodes.map((n) => h('li', {},
          h('button', { type: 'button', class: 'link', onclick: () => selectFromList(n.id, drawn, panel, view, go, open) }, `${n.kind.toLowerCase()} ${n.path}`),
          h('span', { class: 'muted' }, ` hops ${n.hops}`))));
      };
      listing.addEventListener('toggle', fill);
      fill();
      exports.replaceChildren(h('span', { class: 'muted' }, 'Export this view: '), ...exportButtons(view.start));
      void whole.then((cy) => {
        if (view.mode === 'impact') void showImpact(cy, modeBox, view.start, drawn.drawnAs);
        if (view.mode === 'compare') void showComparison(cy, modeBox, view.start, view.compareWith, drawn.drawnAs);
      });
    },
    (error) => {
      status.replaceChildren(errorBox(error));
    },
  );
}

function draw(
  canvas: HTMLElement,
  panel: HTMLElement,
  drawn: View,
  startId: string | undefined,
  view: LineageView,
  go: (view: LineageView) => void,
  open: (start: string) => void,
  find: HTMLInputElement,
): Promise<Core> {
  const large = drawn.nodes.length + drawn.clusters.length > 400;
  const ink = matchMedia('(prefers-color-scheme: dark)').matches ? '#e2e8f0' : '#1f2933';
  // Each look of this view is a class with a rule of its own: a rule per look styles thousands
  // of nodes faster than a colour and a shape read from every node's data.
  const looks = new Map<string, { index: number; color: string; shape: string }>();
  const lookClass = (look: { color: string; shape: string }) => {
    const key = `${look.color} ${look.shape}`;
    if (!looks.has(key)) looks.set(key, { index: looks.size, ...look });
    return `look-${looks.get(key)!.index}`;
  };
  const elements: ElementDefinition[] = [
    ...drawn.nodes.map((n) => {
      const look = n.kind === 'RUN' ? runLook(n.type) : artifactLook(n.type);
      return {
        data: { id: n.id, label: n.name, kind: n.kind, path: n.path, type: n.type ?? '', color: look.color, shape: look.shape, width: n.kind === 'RUN' ? runWidth(n.name) : 34 },
        classes: [n.kind === 'RUN' ? 'run' : 'artifact', lookClass(look), n.id === startId ? 'start' : ''].join(' '),
      };
    }),
    ...drawn.clusters.map((c) => {
      const look = { color: (c.kind === 'RUN' ? runLook(c.type) : artifactLook(c.type)).color, shape: 'octagon' };
      return {
        data: { id: c.id, label: `${c.members.length} × ${c.type ?? c.kind.toLowerCase()}`, kind: 'CLUSTER', key: c.key, count: c.members.length, color: look.color },
        classes: `cluster ${c.kind === 'RUN' ? 'run' : 'artifact'} ${lookClass(look)}`,
      };
    }),
    ...drawn.edges.map((e) => ({ data: { id: `${e.from}->${e.to}`, source: e.from, target: e.to, kind: e.kind } })),
  ];

  performance.mark('lineage:elements');
  const options: cytoscape.CytoscapeOptions = {
    container: canvas,
    minZoom: 0.05,
    maxZoom: 1.5,
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    pixelRatio: large ? 1 : 'auto',
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, color: ink, width: 34, height: 34, 'min-zoomed-font-size': large ? 7 : 0 } },
      ...[...looks.values()].map((look) => ({ selector: `node.look-${look.index}`, style: { 'background-color': look.color, shape: look.shape as never } })),
      { selector: 'node.run', style: { shape: 'round-rectangle', width: 'data(width)', height: 28, 'text-valign': 'center', 'text-margin-y': 0, color: '#ffffff' } },
      { selector: 'node.cluster', style: { shape: 'octagon', 'border-width': 3, 'border-style': 'double', 'border-color': ink, width: 44, height: 44, 'font-weight': 'bold', 'text-valign': 'bottom', 'text-margin-y': 4, color: ink } },
      { selector: 'node.start', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': ink } },
      { selector: 'node.faded', style: { opacity: 0.3 } },
      { selector: 'node.impacted', style: { 'border-width': 4, 'border-color': '#dc2626' } },
      { selector: 'node.only-a', style: { 'border-width': 4, 'border-color': '#7c3aed', 'border-style': 'dashed' } },
      { selector: 'node.changed', style: { 'border-width': 4, 'border-color': '#ea580c' } },
      { selector: 'node.found', style: { 'overlay-color': '#facc15', 'overlay-opacity': 0.45, 'overlay-padding': 6 } },
      // Haystack edges, straight and cheap, draw no arrows: a large view styles none.
      large
        ? { selector: 'edge', style: { width: 1.5, 'line-color': '#94a3b8', 'curve-style': 'haystack' } }
        : { selector: 'edge', style: { width: 1.5, 'line-color': '#94a3b8', 'target-arrow-color': '#94a3b8', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.9 } },
    ],
  };
  // A large view opens on what the viewport shows; the rest is added after it is drawn.
  let rest: ElementDefinition[][] = [];
  let cy: Core;
  if (large) {
    const positions = layeredPositions(drawn, startId);
    const nodes = elements.filter((e) => e.data.source === undefined);
    const edges = elements.filter((e) => e.data.source !== undefined);
    for (const node of nodes) node.position = positions.get(String(node.data.id)) ?? { x: 0, y: 0 };
    const width = Math.max(canvas.clientWidth, 1);
    const height = Math.max(canvas.clientHeight, 1);
    const at = opening([...positions.values()], startId ? positions.get(startId) : undefined, width, height, READABLE_ZOOM);
    const zoom = Math.min(options.maxZoom!, Math.max(options.minZoom!, at.zoom));
    const parts = slices(nodes, edges, { center: at.center, halfWidth: width / 2 / zoom, halfHeight: height / 2 / zoom }, SLICE);
    rest = parts.slice(1);
    cy = cytoscape({
      ...options,
      elements: parts[0],
      layout: { name: 'preset', fit: false },
      zoom,
      pan: { x: width / 2 - at.center.x * zoom, y: height / 2 - at.center.y * zoom },
    });
  } else {
    cy = cytoscape({ ...options, elements, layout: { name: 'dagre', rankDir: 'LR', nodeSep: 18, rankSep: 70, animate: false } as cytoscape.LayoutOptions });
  }

  window.lineageCy = cy;
  performance.mark('lineage:layout');

  const clusters = new Map(drawn.clusters.map((c) => [c.id, c]));
  // A double click re-centres only when both clicks hit the same node: two quick clicks on
  // two nodes are two selections.
  const taps: string[] = [];
  cy.on('tap', 'node', (event) => {
    const node = event.target;
    taps.push(node.id());
    if (taps.length > 2) taps.shift();
    const cluster = clusters.get(node.id());
    if (cluster) {
      go({ ...view, expanded: [...view.expanded, cluster.key] });
      return;
    }

    if (node.data('kind') === 'RUN') void showRun(panel, node.data('path'), open);
    else void showVersion(panel, node.data('path'), open);
  });
  cy.on('dbltap', 'node', (event) => {
    const node = event.target;
    if (!clusters.has(node.id()) && taps.length === 2 && taps[0] === taps[1] && taps[1] === node.id()) open(node.data('path'));
  });
  cy.on('mouseover', 'node.cluster', (event) => {
    const cluster = clusters.get(event.target.id());
    if (cluster) showCluster(panel, cluster, view, go);
  });

  find.oninput = () => highlight(cy, drawn, find.value.trim().toLowerCase());

  // The renderer draws in its own animation frame callback, queued before this one: by the time
  // this runs, the first frame of the graph is drawn. Interactive is when the main thread is
  // next free to take a click. The rest of a large view follows a slice per frame: each frame
  // styles and draws only what the last slice added, and input is taken between them. Ready,
  // for the tests and the benchmark, is when the whole view is drawn.
  return new Promise<Core>((resolve) => {
    const next = () => {
      if (cy.destroyed()) return;
      const part = rest.shift();
      if (part) {
        cy.add(part);
        requestAnimationFrame(() => setTimeout(next, 0));
        return;
      }

      performance.mark('lineage:complete');
      if (large) minimap(cy, canvas);
      if (find.value) highlight(cy, drawn, find.value.trim().toLowerCase());
      canvas.dataset.ready = 'true';
      resolve(cy);
    };
    requestAnimationFrame(() => {
      performance.mark('lineage:drawn');
      setTimeout(() => {
        performance.mark('lineage:interactive', { detail: { nodes: cy.nodes().length } });
        next();
      }, 0);
    });
  });
}

/** Marks the drawn nodes whose name holds the text, and the clusters that hold such a member. */
function highlight(cy: Core, drawn: View, text: string): void {
  cy.nodes().removeClass('found');
  if (!text) return;
  for (const node of drawn.nodes) {
    if (node.name.toLowerCase().includes(text) || node.path.toLowerCase().includes(text)) cy.$id(node.id).addClass('found');
  }

  for (const cluster of drawn.clusters) {
    if (cluster.members.some((m) => m.name.toLowerCase().includes(text))) cy.$id(cluster.id).addClass('found');
  }
}

/** A cluster's members, searchable; picking one expands the cluster. */
function showCluster(panel: HTMLElement, cluster: Cluster, view: LineageView, go: (view: LineageView) => void): void {
  const filter = h('input', { type: 'search', placeholder: 'search this cluster', 'aria-label': 'Search this cluster' });
  const list = h('ul', { class: 'plain members' });
  const fill = () => {
    const text = filter.value.trim().toLowerCase();
    list.replaceChildren(...cluster.members.filter((m) => m.name.toLowerCase().includes(text)).map((m) => h('li', {}, m.path)));
  };
  filter.oninput = fill;
  fill();
  panel.replaceChildren(
    h('h2', {}, `${cluster.members.length} similar ${cluster.kind === 'RUN' ? 'runs' : 'versions'}`),
    h('p', { class: 'muted' }, `${cluster.type ?? ''} at ${cluster.hops} hop${cluster.hops === 1 ? '' : 's'}; click the cluster to expand it.`),
    h('button', { type: 'button', onclick: () => go({ ...view, expanded: [...view.expanded, cluster.key] }) }, 'Expand'),
    filter,
    list,
  );
}

/** A run box wide enough for its name, up to a limit past which the name wraps. */
function runWidth(name: string): number {
  return Math.min(190, Math.max(46, name.length * 6.4 + 16));
}

/** The legend: each job type and artifact type in the view with its look and count, and the marks of clusters and the start. */
function legendOf(drawn: View): HTMLElement[] {
  const counts = (kind: 'RUN' | 'ARTIFACT') => {
    const tally = new Map<string, number>();
    for (const n of drawn.nodes) if (n.kind === kind) tally.set(n.type ?? '', (tally.get(n.type ?? '') ?? 0) + 1);
    for (const c of drawn.clusters) if (c.kind === kind) tally.set(c.type ?? '', (tally.get(c.type ?? '') ?? 0) + c.members.length);
    return [...tally].sort((a, b) => b[1] - a[1]);
  };
  const item = (icon: SVGElement | HTMLElement, label: string, count?: number) =>
    h('li', {}, icon, ' ', label, count === undefined ? null : h('span', { class: 'muted' }, ` ${count}`));
  const runs = counts('RUN');
  const artifacts = counts('ARTIFACT');
  return [
    h('div', {}, h('h2', {}, 'Runs by job type'), h('ul', { class: 'plain legend-items' },
      ...runs.map(([type, n]) => item(lookIcon(runLook(type || null)), type || 'no job type', n)))),
    h('div', {}, h('h2', {}, 'Artifacts by type'), h('ul', { class: 'plain legend-items' },
      ...artifacts.map(([type, n]) => item(lookIcon(artifactLook(type || null)), type || 'no type', n)))),
    h('div', {}, h('h2', {}, 'Marks'), h('ul', { class: 'plain legend-items' },
      item(h('span', { class: 'mark start-mark', 'aria-hidden': 'true' }), 'where the view starts'),
      item(h('span', { class: 'mark cluster-mark', 'aria-hidden': 'true' }), 'a cluster of similar siblings: click to expand'),
      item(h('span', { class: 'mark edge-mark', 'aria-hidden': 'true' }), 'data flows along the arrows'))),
  ];
}

/** Positions from the layered layout, for views too large for dagre to lay out quickly. */
function layeredPositions(drawn: View, startId: string | undefined): Map<string, { x: number; y: number }> {
  const labelWidth = (label: string) => Math.min(190, label.length * 6.4);
  return layered(
    [
      ...drawn.nodes.map((n) => ({ id: n.id, hops: n.hops, width: n.kind === 'RUN' ? runWidth(n.name) : Math.max(34, labelWidth(n.name)) })),
      ...drawn.clusters.map((c) => ({ id: c.id, hops: c.hops, width: 110 })),
    ],
    drawn.edges,
    startId,
  );
}

/** The field's value for an ISO time: the local date and time to the second. */
function localInput(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
}

/** Selects a node picked from the list (its cluster, when it is in one), as a click on it would: keyboard users reach every node this way. */
function selectFromList(id: string, drawn: View, panel: HTMLElement, view: LineageView, go: (view: LineageView) => void, open: (start: string) => void): void {
  void whole?.then((cy) => selectNode(cy, id, drawn, panel, view, go, open));
}

function selectNode(cy: Core, id: string, drawn: View, panel: HTMLElement, view: LineageView, go: (view: LineageView) => void, open: (start: string) => void): void {
  const drawnId = drawn.drawnAs.get(id) ?? id;
  const node = cy.$id(drawnId);
  cy.nodes().unselect();
  node.select();
  cy.animate({ center: { eles: node }, duration: 150 });
  const cluster = drawn.clusters.find((c) => c.id === drawnId);
  if (cluster) showCluster(panel, cluster, view, go);
  else if (node.data('kind') === 'RUN') void showRun(panel, node.data('path'), open);
  else void showVersion(panel, node.data('path'), open);
  panel.focus();
}

function exportButtons(start: string): HTMLButtonElement[] {
  const ink = () => (matchMedia('(prefers-color-scheme: dark)').matches ? '#e2e8f0' : '#1f2933');
  const paper = () => (matchMedia('(prefers-color-scheme: dark)').matches ? '#111a2e' : '#ffffff');
  const button = (label: string, run: (cy: Core) => void) =>
    h('button', { type: 'button', onclick: () => void whole?.then(run) }, label);
  return [
    button('PNG', (cy) => exportPng(cy, start, paper())),
    button('SVG', (cy) => exportText(start, 'svg', svgOf(cy, ink()))),
    button('Mermaid', (cy) => exportText(start, 'mmd', mermaidOf(cy))),
    button('DOT', (cy) => exportText(start, 'dot', dotOf(cy))),
  ];
}
