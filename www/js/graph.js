// The plan's dependency graph as SVG: blockers, workstreams and tasks, laid out in layers by
// longest path from the sources (so every edge points rightwards), with the critical path and
// blocked nodes marked by both colour and text.
import { svg } from './dom.js';

const NODE_W = 168;
const NODE_H = 44;
const COL_GAP = 56;
const ROW_GAP = 14;
const PAD = 16;
const LABEL_CHARS = 24;

/**
 * The nodes and edges to draw from the plan (its relations) and the evaluation (what is
 * blocked, what is critical). Tasks are shown when they take part in a dependency, a blocking
 * chain or the critical path; the rest would only add noise.
 */
export function planGraph(plan, evaluation) {
  const critical = new Set(evaluation.schedule?.critical_path ?? []);
  const blocked = new Set((evaluation.blocked ?? []).map((b) => b.id));
  const activeBlockers = new Set((evaluation.blockers ?? []).filter((b) => b.active).map((b) => b.id));
  const inChains = new Set((evaluation.chains ?? []).flatMap((c) => c.ids));
  const edges = [];
  const taskOwner = new Map();
  for (const agent of plan.agents ?? []) {
    for (const dep of agent.depends_on ?? []) edges.push([dep, agent.id]);
    for (const task of agent.tasks ?? []) {
      taskOwner.set(task.id, agent);
      for (const dep of task.depends_on ?? []) edges.push([dep, task.id]);
    }
  }
  for (const blocker of plan.blockers ?? []) for (const target of blocker.blocks ?? []) edges.push([blocker.id, target]);
  const linked = new Set(edges.flat());
  const shownTask = (id) => linked.has(id) || critical.has(id) || inChains.has(id) || blocked.has(id);
  const nodes = [];
  for (const b of plan.blockers ?? []) nodes.push({ id: b.id, label: b.title, kind: 'blocker', active: activeBlockers.has(b.id) });
  for (const a of plan.agents ?? []) nodes.push({ id: a.id, label: a.name, kind: 'agent' });
  let hiddenTasks = 0;
  for (const [id, agent] of taskOwner) {
    if (!shownTask(id)) {
      hiddenTasks++;
      continue;
    }
    const task = agent.tasks.find((t) => t.id === id);
    nodes.push({ id, label: task.title, kind: 'task', owner: agent.name });
    edges.push([agent.id, id]); // a workstream's block reaches its tasks
  }
  for (const node of nodes) {
    node.critical = critical.has(node.id);
    node.blocked = blocked.has(node.id) && !(node.kind === 'blocker' && node.active && !blockedByOther(node.id, evaluation));
  }
  const ids = new Set(nodes.map((n) => n.id));
  const unique = new Map(edges.filter(([a, b]) => ids.has(a) && ids.has(b) && a !== b).map((e) => [e.join('→'), e]));
  return { nodes, edges: [...unique.values()], hiddenTasks };
}

function blockedByOther(id, evaluation) {
  return (evaluation.blocked ?? []).some((b) => b.id === id && b.via);
}

/** Layer of each node = length of the longest path reaching it (Kahn order; cycles ignored). */
export function longestPathLayers(nodeIds, edges) {
  const incoming = new Map(nodeIds.map((id) => [id, 0]));
  const next = new Map(nodeIds.map((id) => [id, []]));
  for (const [from, to] of edges) {
    next.get(from).push(to);
    incoming.set(to, incoming.get(to) + 1);
  }
  const layer = new Map(nodeIds.map((id) => [id, 0]));
  const queue = nodeIds.filter((id) => incoming.get(id) === 0);
  while (queue.length) {
    const id = queue.shift();
    for (const to of next.get(id)) {
      layer.set(to, Math.max(layer.get(to), layer.get(id) + 1));
      incoming.set(to, incoming.get(to) - 1);
      if (incoming.get(to) === 0) queue.push(to);
    }
  }
  return layer;
}

/** Positions: columns by layer; rows ordered by the mean row of each node's predecessors. */
export function layout(nodes, edges) {
  const layer = longestPathLayers(nodes.map((n) => n.id), edges);
  const columns = [];
  for (const node of nodes) (columns[layer.get(node.id)] ??= []).push(node.id);
  const row = new Map();
  const predecessors = new Map(nodes.map((n) => [n.id, []]));
  for (const [from, to] of edges) predecessors.get(to).push(from);
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

/** Draws `graph` into `container` as an accessible SVG (the chains list is the text version). */
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
    graph.edges.map(([from, to]) => edge(position.get(from), position.get(to), byId.get(from), byId.get(to))),
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

function edge(a, b, from, to) {
  const x1 = a.x + NODE_W;
  const y1 = a.y + NODE_H / 2;
  const x2 = b.x;
  const y2 = b.y + NODE_H / 2;
  const bend = Math.max(24, (x2 - x1) / 2);
  const blocking = (from.kind === 'blocker' && from.active) || (from.blocked && to.blocked);
  const critical = from.critical && to.critical;
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
