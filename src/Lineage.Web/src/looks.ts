// How the graph draws each artifact type and job type: a colour and, for artifacts, a shape,
// the same on every page and in the legend. Common types have fixed looks; any other type
// takes one from its name, so that it looks the same in every view.

export interface Look {
  color: string;
  shape: string;
}

/** Runs in blues and violets, artifacts in greens and warm colours: the kind shows at a glance. Every colour takes white text at 4.5:1 or better. */
const RUN_COLORS = ['#1d4ed8', '#4338ca', '#0e7490', '#6d28d9', '#334155', '#1e40af', '#0369a1', '#5b21b6'];
const ARTIFACT_COLORS = ['#0f766e', '#b45309', '#be185d', '#3f6212', '#9a3412', '#166534', '#86198f', '#a16207', '#b91c1c'];
const SHAPES = ['ellipse', 'diamond', 'round-hexagon', 'barrel', 'round-pentagon', 'round-tag', 'star', 'round-triangle', 'rhomboid', 'vee'];
const KNOWN_ARTIFACTS: Record<string, number> = { dataset: 0, model: 1, results: 2, evaluation: 2, code: 3, image: 4, config: 5 };
const KNOWN_JOBS: Record<string, number> = { preprocess: 0, train: 1, eval: 2, evaluate: 2, deploy: 3, upload: 4, inference: 6 };

function pick(name: string, known: Record<string, number>, count: number): number {
  const fixed = known[name.toLowerCase()];
  if (fixed !== undefined) return fixed % count;
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % count;
}

export function artifactLook(type: string | null): Look {
  const name = type ?? '';
  return { color: ARTIFACT_COLORS[pick(name, KNOWN_ARTIFACTS, ARTIFACT_COLORS.length)], shape: SHAPES[pick(name, KNOWN_ARTIFACTS, SHAPES.length)] };
}

export function runLook(jobType: string | null): Look {
  return { color: jobType ? RUN_COLORS[pick(jobType, KNOWN_JOBS, RUN_COLORS.length)] : '#1e3a8a', shape: 'round-rectangle' };
}

export const POINTS: Record<string, string> = {
  diamond: '50,4 96,50 50,96 4,50',
  'round-hexagon': '27,6 73,6 96,50 73,94 27,94 4,50',
  'round-pentagon': '50,4 96,38 78,94 22,94 4,38',
  'round-tag': '4,14 66,14 96,50 66,86 4,86',
  star: '50,4 61,37 96,37 68,58 79,92 50,71 21,92 32,58 4,37 39,37',
  'round-triangle': '50,6 96,92 4,92',
  rhomboid: '24,14 96,14 76,86 4,86',
  vee: '4,10 50,40 96,10 50,92',
};

/** A small picture of a look, for the legend. */
export function lookIcon(look: Look): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 100 100');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  let shape: SVGElement;
  if (look.shape === 'ellipse') {
    shape = document.createElementNS(ns, 'circle');
    shape.setAttribute('cx', '50');
    shape.setAttribute('cy', '50');
    shape.setAttribute('r', '46');
  } else if (look.shape === 'round-rectangle' || look.shape === 'barrel') {
    shape = document.createElementNS(ns, 'rect');
    shape.setAttribute('x', '4');
    shape.setAttribute('y', '20');
    shape.setAttribute('width', '92');
    shape.setAttribute('height', '60');
    shape.setAttribute('rx', look.shape === 'barrel' ? '30' : '14');
  } else {
    shape = document.createElementNS(ns, 'polygon');
    shape.setAttribute('points', POINTS[look.shape] ?? POINTS.diamond);
  }
  shape.setAttribute('fill', look.color);
  svg.append(shape);
  return svg;
}
