// The plan's dependency graph as SVG. What to draw (nodes, edges, layers, what is blocked or
// critical) comes from the Dashboard's evaluation; this module only lays it out in pixels and
// marks the critical path and blocked nodes by both colour and text.
import { svg } from './dom.js';

/** @typedef {import('../../pkg-web/dashboard.js').Drawing} Drawing */
/** @typedef {import('../../pkg-web/dashboard.js').DrawnNode} DrawnNode */
/** @typedef {import('../../pkg-web/dashboard.js').DrawnEdge} DrawnEdge */

const NODE_W = 168;
const NODE_H = 44;
const COL_GAP = 56;
const ROW_GAP = 14;
const PAD = 16;
const LABEL_CHARS = 24;

/**
 * Positions: columns by the layer the engine computed; rows ordered by the mean row of each
 * node's predecessors.
 * @param {DrawnNode[]} nodes
 * @param {DrawnEdge[]} edges
 */
export function layout(nodes, edges) {
  /** @type {string[][]} */
  const columns = [];
  for (const node of nodes) (columns[node.layer] ??= []).push(node.id);
  const row = new Map();
  const predecessors = new Map(nodes.map((n) => [n.id, []]));
  for (const { from, to } of edges) predecessors.get(to).push(from);
  columns.forEach((column, c) => {
    if (c > 0) column.sort((a, b) => barycentre(a, predecessors, row) - barycentre(b, predecessors, row));
    column.forEach((id, r) => row.set(id, r));
  });
  const position = new Map();
  columns.forEach((column, c) =>
    column.forEach((id, r) => position.set(id, { x: PAD + c * (NODE_W + COL_GAP), y: PAD + r * (NODE_H + ROW_GAP) })),
  );
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  return {
    position,
    width: PAD * 2 + columns.length * NODE_W + Math.max(0, columns.length - 1) * COL_GAP,
    height: PAD * 2 + tallest * NODE_H + (tallest - 1) * ROW_GAP,
  };
}

function barycentre(id, predecessors, row) {
  const rows = predecessors.get(id).map((p) => row.get(p)).filter((r) => r !== undefined);
  return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.MAX_SAFE_INTEGER;
}

/**
 * Draws the engine's `graph` into `container` as an accessible SVG (the chains list is the
 * text version).
 * @param {HTMLElement} container
 * @param {Drawing} graph
 */
export function renderGraph(container, graph) {
  const { position, width, height } = layout(graph.nodes, graph.edges);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const drawing = svg(
    'svg',
    {
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `Dependency graph: ${graph.nodes.length} nodes, ${graph.nodes.filter((n) => n.blocked).length} blocked, ${graph.nodes.filter((n) => n.critical).length} on the critical path`,
    },
    defs(),
    graph.edges.map((e) => edge(position.get(e.from), position.get(e.to), e, byId.get(e.from), byId.get(e.to))),
    graph.nodes.map((node) => box(node, position.get(node.id))),
  );
  container.replaceChildren(drawing);
}

function defs() {
  const marker = (id, colour) =>
    svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }));
  return svg('defs', {}, marker('arrow', '#8a8378'), marker('arrow-bad', '#a11616'), marker('arrow-critical', '#7a2e0e'));
}

/**
 * @param {{x: number, y: number}} a
 * @param {{x: number, y: number}} b
 * @param {DrawnEdge} drawn
 * @param {DrawnNode} from
 * @param {DrawnNode} to
 */
function edge(a, b, drawn, from, to) {
  const x1 = a.x + NODE_W;
  const y1 = a.y + NODE_H / 2;
  const x2 = b.x;
  const y2 = b.y + NODE_H / 2;
  const bend = Math.max(24, (x2 - x1) / 2);
  const { blocking, critical } = drawn;
  const kind = blocking ? 'bad' : critical ? 'critical' : '';
  return svg('path', {
    d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
    fill: 'none',
    stroke: blocking ? '#a11616' : critical ? '#7a2e0e' : '#8a8378',
    'stroke-width': blocking || critical ? 2.5 : 1.3,
    'stroke-dasharray': blocking ? '6 4' : null,
    'marker-end': `url(#arrow${kind ? `-${kind}` : ''})`,
    'data-from': from.id,
    'data-to': to.id,
  });
}

const FILL = { blocker: '#fde8e8', agent: '#e6eef9', task: '#ffffff' };

/**
 * @param {DrawnNode} node
 * @param {{x: number, y: number}} position
 */
function box(node, { x, y }) {
  const resolved = node.kind === 'blocker' && !node.active;
  const stroke = node.blocked || (node.kind === 'blocker' && node.active) ? '#a11616' : node.critical ? '#7a2e0e' : '#8a8378';
  const tags = [
    node.kind === 'blocker' ? (node.active ? 'BLOCKER' : 'resolved') : node.kind === 'agent' ? 'workstream' : 'task',
    node.critical && 'critical',
    node.blocked && 'blocked',
  ].filter(Boolean);
  return svg(
    'g',
    { class: `node node-${node.kind}`, 'data-id': node.id, 'data-critical': node.critical, 'data-blocked': node.blocked },
    svg('title', {}, `${node.owner ? `${node.owner}: ` : ''}${node.label} (${node.id}) — ${tags.join(', ')}`),
    svg('rect', {
      x, y, width: NODE_W, height: NODE_H, rx: 8,
      fill: resolved ? '#f0eeea' : FILL[node.kind],
      stroke,
      'stroke-width': node.critical || node.blocked ? 3 : 1.3,
      'stroke-dasharray': node.blocked || resolved ? '5 3' : null,
    }),
    svg('text', { x: x + 8, y: y + 18, 'font-size': 12.5, 'font-weight': 600, fill: '#1d1b18' }, truncate(node.label)),
    svg('text', { x: x + 8, y: y + 35, 'font-size': 10.5, fill: node.blocked ? '#a11616' : '#5a554d' }, tags.join(' · ')),
  );
}

function truncate(text) {
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}
