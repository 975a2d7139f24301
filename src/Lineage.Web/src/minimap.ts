// A minimap for large views: every node as a dot, the part shown as a frame; a click or a drag
// on it moves the view there.
import type { Core } from 'cytoscape';

const WIDTH = 200;
const HEIGHT = 130;

export function minimap(cy: Core, host: HTMLElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = 'minimap';
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Minimap of the whole view: click to move there');
  host.append(canvas);
  const context = canvas.getContext('2d')!;
  const box = cy.nodes().boundingBox({});
  const scale = Math.min(WIDTH / Math.max(box.w, 1), HEIGHT / Math.max(box.h, 1));
  const offsetX = (WIDTH - box.w * scale) / 2;
  const offsetY = (HEIGHT - box.h * scale) / 2;
  const toMap = (x: number, y: number) => [offsetX + (x - box.x1) * scale, offsetY + (y - box.y1) * scale];

  // The dots are drawn once; the frame on every move of the view.
  const dots = document.createElement('canvas');
  dots.width = WIDTH;
  dots.height = HEIGHT;
  const dotContext = dots.getContext('2d')!;
  cy.nodes().forEach((node) => {
    const [x, y] = toMap(node.position('x'), node.position('y'));
    dotContext.fillStyle = String(node.data('color') ?? '#64748b');
    dotContext.fillRect(x - 1, y - 1, 2, 2);
  });

  const draw = () => {
    context.clearRect(0, 0, WIDTH, HEIGHT);
    context.drawImage(dots, 0, 0);
    const extent = cy.extent();
    const [x1, y1] = toMap(extent.x1, extent.y1);
    const [x2, y2] = toMap(extent.x2, extent.y2);
    context.strokeStyle = '#f59e0b';
    context.lineWidth = 2;
    context.strokeRect(x1, y1, x2 - x1, y2 - y1);
  };
  let frame = 0;
  cy.on('viewport', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  });
  draw();

  const moveTo = (event: MouseEvent) => {
    const rect = canvas.getBoundingClientRect();
    const x = box.x1 + (event.clientX - rect.left - offsetX) / scale;
    const y = box.y1 + (event.clientY - rect.top - offsetY) / scale;
    const zoom = cy.zoom();
    cy.pan({ x: cy.width() / 2 - x * zoom, y: cy.height() / 2 - y * zoom });
  };
  let dragging = false;
  canvas.addEventListener('mousedown', (e) => { dragging = true; moveTo(e); });
  canvas.addEventListener('mousemove', (e) => { if (dragging) moveTo(e); });
  window.addEventListener('mouseup', () => { dragging = false; });
  return canvas;
}
