// The delivery dashboard: every figure comes from the wasm `Dashboard` (evaluate at an "as of"
// moment, the plan's history replayed then, with the monitor's measurements log if one is
// loaded); this module only lays the figures out, edits the plan through `update` (with undo),
// persists plan and log in IndexedDB, and offers the plan JSON and the Markdown report.
import init, { Dashboard } from '../../pkg-web/dashboard.js';
import * as store from './store.js';
import { h, replace, download, messageOf, titleCase, byId } from './dom.js';
import { renderGraph } from './graph.js';
import { renderTimeline, renderGateCards } from './timeline.js';
import { renderMetrics, renderServices, figure } from './measured.js';

const HOUR = 3_600_000;
const SHIPPED_PLAN = 'data/plan.json';
/** A measurements log served beside the plan, if any (`castmatch monitor --out www/data`). */
const SHIPPED_LOG = 'data/measurements.jsonl';

/** @typedef {import('../../pkg-web/dashboard.js').Evaluation} Evaluation */
/** @typedef {import('../../pkg-web/dashboard.js').Plan} Plan */
/** @typedef {import('../../pkg-web/dashboard.js').Update} Update */

const $ = byId;

/**
 * @type {{dashboard: Dashboard | null, plan: Plan | null, clock: ReturnType<typeof planClock> | null,
 *   asOfMs: number, evaluation: Evaluation | null, firstRender: boolean,
 *   log: {text: string, source: string, runs: number} | null, planSource: string,
 *   undo: {plan: string, done: string} | null}}
 */
const state = {
  dashboard: null, plan: null, clock: null, asOfMs: 0, evaluation: null, firstRender: true,
  log: null, planSource: '', undo: null,
};
/** @type {any} */ (window).castmatchDashboard = state; // for the e2e tests and the console

main().catch((error) => showPlanError(`The dashboard could not start: ${messageOf(error)}`));

async function main() {
  performance.mark('dashboard:module');
  wireControls();
  const savedAsOf = store.get('dashboard:as-of').catch(() => undefined); // read in parallel
  const log = logText(); // optional: never holds up the plan
  const [{ text, source }] = await Promise.all([
    planText().finally(() => performance.mark('dashboard:plan')),
    init().finally(() => performance.mark('dashboard:wasm')),
  ]);
  loadPlan(text, source);
  const measurements = await log;
  if (measurements) {
    try {
      loadLog(measurements.text, measurements.source);
    } catch (error) {
      showPlanError(`${measurements.source}: ${messageOf(error)}`);
    }
  }
  const requested = Date.parse(new URLSearchParams(location.search).get('at') ?? '');
  setAsOf(Number.isFinite(requested) ? requested : (await savedAsOf) ?? latestReport(state.plan));
}

// ---- the plan -------------------------------------------------------------------------------

/** The plan edited in this browser, else the shipped one (fetched meanwhile: it is preloaded). */
async function planText() {
  const shipped = fetchShippedPlan();
  shipped.catch(() => {}); // only awaited when nothing was edited
  const edited = await store.get('plan').catch(() => undefined);
  if (edited) return { text: edited, source: 'plan edited in this browser' };
  return { text: await shipped, source: 'shipped plan' };
}

async function fetchShippedPlan() {
  const response = await fetch(SHIPPED_PLAN);
  if (!response.ok) throw new Error(`${SHIPPED_PLAN}: ${response.status} ${response.statusText}`);
  return response.text();
}

/** The measurements log imported in this browser, else one served beside the plan, else none. */
async function logText() {
  const imported = await store.get('measurements').catch(() => undefined);
  if (imported) return imported;
  const response = await fetch(SHIPPED_LOG).catch(() => null);
  return response?.ok ? { text: await response.text(), source: SHIPPED_LOG } : null;
}

/** Replaces the dashboard with the plan in `text` (keeping the loaded log); throws the engine's
 * message if invalid, leaving the old plan in place. */
function loadPlan(text, source) {
  const dashboard = Dashboard.fromJson(text);
  if (state.log) dashboard.loadMeasurements(state.log.text);
  state.dashboard?.free();
  state.dashboard = dashboard;
  planChanged();
  state.planSource = source;
  showSources();
}

/** Loads a measurements log into the dashboard; throws (naming the line) and keeps the old one. */
function loadLog(text, source) {
  const runs = state.dashboard.loadMeasurements(text);
  state.log = { text, source, runs };
  showSources();
}

function showSources() {
  const log = state.log ? ` · measurements: ${state.log.runs} runs from ${state.log.source}` : '';
  $('plan-source').textContent = `${state.planSource}${log}`;
}

/** After any change of plan: re-read its shape for the clock and the update forms. */
function planChanged() {
  state.plan = JSON.parse(state.dashboard.toJson());
  state.clock = planClock(state.plan);
  const range = $('as-of-range', HTMLInputElement);
  range.min = String(state.clock.startMs);
  range.max = String(state.clock.endMs);
  fillUpdateForms(state.plan);
}

async function persistPlan() {
  await store.set('plan', state.dashboard.toJson());
}

/** The last moment the plan or the log reports anything: its natural "now". */
function latestReport(plan) {
  const times = [
    ...(plan.history ?? []).map((r) => r.at),
    ...(plan.task_history ?? []).map((r) => r.at),
    ...(plan.measurements ?? []).map((m) => m.at),
    ...(plan.blockers ?? []).flatMap((b) => [b.since, b.resolved_at]),
    state.dashboard?.latestMeasurement(),
  ]
    .filter(Boolean)
    .map(Date.parse)
    .filter(Number.isFinite);
  return times.length ? Math.max(...times) : Date.parse(plan.start);
}

// ---- time -----------------------------------------------------------------------------------

/** The plan's time zone and span: times are shown and sent in the plan start's UTC offset. */
function planClock(plan) {
  const match = String(plan.start).match(/([+-])(\d\d):(\d\d)$/);
  const offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  const suffix = match ? match[0] : 'Z';
  const startMs = Date.parse(plan.start);
  return { offsetMinutes, suffix, startMs, endMs: startMs + plan.target_days * 24 * HOUR };
}

/** `ms` as RFC 3339 in the plan's offset, e.g. 2025-09-05T01:45:00+05:30. */
function isoAt(ms) {
  return new Date(ms + state.clock.offsetMinutes * 60_000).toISOString().slice(0, 19) + state.clock.suffix;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "5 Sep 01:45" from an RFC 3339 time already in the plan's offset. */
function formatTime(iso) {
  if (!iso) return '—';
  const [, , month, day, time] = String(iso).match(/^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)/) ?? [];
  return month ? `${Number(day)} ${MONTHS[Number(month) - 1]} ${time}` : iso;
}

function setAsOf(ms) {
  const { startMs, endMs } = state.clock;
  state.asOfMs = Math.min(Math.max(ms, startMs - 24 * HOUR), endMs + 7 * 24 * HOUR);
  $('as-of-range', HTMLInputElement).value = String(Math.min(Math.max(state.asOfMs, startMs), endMs));
  $('as-of-input', HTMLInputElement).value = isoAt(state.asOfMs).slice(0, 16);
  store.set('dashboard:as-of', state.asOfMs).catch(() => {});
  evaluateAndRender();
}

// ---- rendering --------------------------------------------------------------------------------

function evaluateAndRender() {
  const started = performance.now();
  const evaluation = state.dashboard.evaluate(isoAt(state.asOfMs));
  state.evaluation = evaluation;
  renderFirstScreen(evaluation);
  if (state.firstRender) {
    // On load, what is below the first screen waits one frame so the figures show sooner.
    showRenderTiming(performance.now() - started);
    requestAnimationFrame(() => setTimeout(() => {
      renderBelowFold(evaluation);
      document.body.dataset.ready = 'true';
    }, 0));
    return;
  }
  renderBelowFold(evaluation);
  showRenderTiming(performance.now() - started);
}

/** The head, progress, alerts and the agent matrix: what a 1400 x 1000 screen shows first. */
function renderFirstScreen(e) {
  $('as-of-label').textContent = `${formatTime(e.now)} · day ${e.day}`;
  $('project-title').textContent = e.project;
  $('project-phase').textContent = [e.phase, `day ${e.day} of ${e.target_days}`].filter(Boolean).join(' · ');
  renderKpis(e);
  renderTeams(e.progress.by_team);
  renderSchedule(e);
  renderAlerts(e);
  renderAgents(e);
  syncAgentFields();
}

function renderBelowFold(e) {
  renderBlockers(e);
  renderTimeline($('timeline'), e.gates, { elapsedDays: e.elapsed_days, day: e.day, targetDays: e.target_days });
  renderGateCards($('gates'), e.gates, formatTime);
  renderDependencies(e);
  renderMetrics($('metrics'), e.metrics, formatTime);
  renderServices($('services'), e.services, formatTime);
  if ($('report-preview').closest('details').open) $('report-preview').textContent = state.dashboard.report(e.now);
  $('dashboard').setAttribute('aria-busy', 'false');
}

function showRenderTiming(ms) {
  const line = $('render-timing');
  if (state.firstRender) {
    state.firstRender = false;
    const sinceStart = performance.now();
    line.dataset.firstRenderMs = sinceStart.toFixed(1);
    line.dataset.firstEvaluateMs = ms.toFixed(2);
    for (const mark of performance.getEntriesByType('mark')) line.dataset[`at${titleCase(mark.name.replace('dashboard:', ''))}`] = mark.startTime.toFixed(1);
    // The figures are on screen after the next frame: record that too, paint included.
    requestAnimationFrame(() => setTimeout(() => (line.dataset.firstPaintMs = performance.now().toFixed(1)), 0));
  }
  line.dataset.lastEvaluateMs = ms.toFixed(2);
  line.textContent = `first render ${line.dataset.firstRenderMs} ms after navigation · last evaluate + render ${ms.toFixed(1)} ms`;
}

const percent = (value) => `${Math.round(value)}%`;
const days = (value) => `${value >= 0 ? '' : '−'}${Math.abs(value).toFixed(1)} d`;

function renderKpis(e) {
  const s = e.schedule;
  const activeBlockers = e.blockers.filter((b) => b.active).length;
  const kpi = (label, value, id) => h('div', { class: 'kpi', dataset: { kpi: id } }, h('span', { class: 'kpi-value' }, value), h('span', { class: 'kpi-label' }, label));
  replace(
    $('kpis'),
    kpi('overall progress', percent(e.progress.overall), 'overall'),
    kpi(`day of ${e.target_days}`, `Day ${e.day}`, 'day'),
    kpi('to target', days(s.days_to_target), 'days-to-target'),
    kpi('projected finish', s.projected_day ? `Day ${s.projected_day.toFixed(1)}` : 'no velocity', 'projected'),
    kpi('critical path left', days(s.critical_path_days), 'critical-path'),
    kpi('active blockers', String(activeBlockers), 'blockers'),
  );
}

function renderSchedule(e) {
  const s = e.schedule;
  const titles = new Map(s.tasks.map((t) => [t.id, t.title]));
  const late = (d) => (d === null || d === undefined ? '' : d > 0 ? ` (${d.toFixed(1)} days late)` : ` (${(-d).toFixed(1)} days early)`);
  const rows = [
    ['Target', `${formatTime(s.target_finish)} (day ${e.target_days})`],
    ['Velocity', s.velocity_per_day === null || s.velocity_per_day === undefined ? 'not measured yet' : `${s.velocity_per_day.toFixed(1)} points a day`],
    ['Projected by velocity', s.projected_finish ? `${formatTime(s.projected_finish)}${late(s.slip_days)}` : '—'],
    ['By the critical path', `${formatTime(s.critical_path_finish)}${late(s.critical_path_slip_days)}`],
    ['Ready to start', e.ready_tasks.length ? e.ready_tasks.slice(0, 4).map((id) => titles.get(id) ?? id).join(', ') + (e.ready_tasks.length > 4 ? ` +${e.ready_tasks.length - 4}` : '') : 'nothing unblocked'],
  ];
  replace($('schedule'), rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function renderTeams(teams) {
  replace(
    $('team-bars'),
    teams.map((t) =>
      h(
        'div',
        { class: 'team-bar', dataset: { team: t.team } },
        h('span', {}, `${titleCase(t.team)} (${t.agents})`),
        h('div', { class: 'bar', role: 'progressbar', 'aria-label': `${t.team} progress`, 'aria-valuenow': Math.round(t.progress), 'aria-valuemin': 0, 'aria-valuemax': 100 },
          h('span', { style: `width:${Math.min(100, t.progress)}%` })),
        h('span', { class: 'num' }, percent(t.progress)),
      ),
    ),
  );
}

function blockerById(e) {
  return new Map(e.blockers.map((b) => [b.id, b]));
}

function renderAlerts(e) {
  const blockers = blockerById(e);
  $('alert-count').textContent = `(${e.alerts.length})`;
  replace(
    $('alerts'),
    e.alerts.length
      ? e.alerts.map((a) => {
          const level = a.kind === 'blocker' ? blockers.get(a.subject)?.level : null;
          return h(
            'li',
            { class: `alert ${a.severity}`, dataset: { kind: a.kind, subject: a.subject, level: level ?? '' } },
            h('span', { class: `badge ${a.severity}` }, a.severity), ' ',
            level ? h('span', { class: 'level' }, `escalated to ${level}: `) : null,
            a.message,
          );
        })
      : h('li', { class: 'muted' }, 'No alerts at this moment.'),
  );
}

function renderAgents(e) {
  const blockers = blockerById(e);
  const rows = e.agents.map((a) => {
    const blocker = a.nearest_blocker ? blockers.get(a.nearest_blocker) : null;
    return h(
      'tr',
      { dataset: { id: a.id, status: a.status } },
      h('th', { scope: 'row' }, a.name),
      h('td', {}, titleCase(a.team)),
      h('td', {}, h('span', { class: `badge ${a.status}` }, a.status), a.blocked ? h('span', { class: 'badge bad' }, 'blocked') : null),
      h('td', { class: 'num' }, h('div', { class: 'progress-cell' }, h('div', { class: 'bar', 'aria-hidden': 'true' }, h('span', { style: `width:${a.progress}%` })), percent(a.progress))),
      h('td', {}, a.current_task || '—'),
      h('td', {}, blocker ? `${blocker.title}${blocker.level ? ` (${blocker.level})` : ''}` : a.blocked_tasks ? `${a.blocked_tasks} tasks` : '—'),
      h('td', { class: 'num' }, `${a.hours_since_progress.toFixed(1)} h`),
    );
  });
  replace($('agents', HTMLTableElement).tBodies[0], rows);
}

function renderBlockers(e) {
  const sorted = [...e.blockers].sort((a, b) => Number(b.active) - Number(a.active) || b.age_hours - a.age_hours);
  const agentNames = new Map(e.agents.map((a) => [a.id, a.name]));
  replace(
    $('blockers'),
    sorted.length ? h('ul', { class: 'alerts' }, sorted.map((b) => blockerCard(b, e.escalation, agentNames))) : h('p', { class: 'muted' }, 'No blockers.'),
  );
}

function blockerCard(b, matrix, agentNames) {
  const status = b.active
    ? h('span', { class: `badge ${b.level_index === matrix.length - 1 ? 'bad' : 'warn'}` }, b.level ?? 'open')
    : h('span', { class: 'badge ok' }, `resolved ${formatTime(b.resolved_at)}`);
  return h(
    'li',
    { class: `alert blocker ${b.active ? (b.level_index === matrix.length - 1 ? 'critical' : 'warning') : 'info'}`, dataset: { id: b.id, level: b.level ?? '', active: b.active } },
    h('p', {}, status, ' ', h('strong', {}, b.title), b.root_cause ? ' (root cause)' : ''),
    h('p', { class: 'muted' }, `open ${b.age_hours.toFixed(1)} h since ${formatTime(b.since)}`,
      b.next_level ? ` · ${b.next_level} at ${formatTime(b.next_escalation_at)} (in ${b.hours_to_next_escalation.toFixed(1)} h)` : ''),
    b.active ? h('ol', { class: 'escalation-steps', 'aria-label': 'Escalation levels' },
      matrix.map((level, i) => h('li', { class: i <= (b.level_index ?? -1) ? 'reached' : '' }, `${level.level} ${level.after_hours}h+`))) : null,
    b.blocked_agents.length ? h('p', {}, h('strong', {}, 'Blocks: '), b.blocked_agents.map((id) => agentNames.get(id) ?? id).join(', ')) : null,
    b.action ? h('p', {}, h('strong', {}, 'Action: '), b.action, b.level_action ? ` — ${b.level_action}` : '') : null,
    b.active ? h('button', { type: 'button', class: 'button small', onclick: () => resolveBlocker(b.id) }, `Mark resolved at ${formatTime(isoAt(state.asOfMs))}`) : null,
  );
}

function renderDependencies(e) {
  renderGraph($('graph'), e.graph);
  $('graph-note').textContent = e.graph.hidden_tasks ? `${e.graph.hidden_tasks} tasks with no dependencies and off the critical path are not drawn.` : '';
  replace($('chains'), e.chains.length ? e.chains.map((c) => h('li', {}, c.labels.join(' → '))) : h('li', { class: 'muted' }, 'Nothing is blocked.'));
  const titles = new Map(e.schedule.tasks.map((t) => [t.id, t.title]));
  $('critical-path').textContent = e.schedule.critical_path.length
    ? `Critical path (${days(e.schedule.critical_path_days)} of work left): ${e.schedule.critical_path.map((id) => titles.get(id) ?? id).join(' → ')}`
    : '';
}

// ---- status updates ---------------------------------------------------------------------------

/** Fills the forms' choices, keeping what was chosen: the agent and its status stay together. */
function fillUpdateForms(plan) {
  const option = (value, label) => h('option', { value }, label);
  const keep = (id, options) => {
    const select = $(id, HTMLSelectElement);
    const chosen = select.value;
    replace(select, options);
    if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
  };
  keep('update-agent', (plan.agents ?? []).map((a) => option(a.id, a.name)));
  keep('update-task', (plan.agents ?? []).flatMap((a) => (a.tasks ?? []).map((t) => option(t.id, `${a.name}: ${t.title}`))));
  keep('update-metric', (plan.metrics ?? []).map((m) => option(m.id, m.name)));
  syncAgentFields();
}

/** The chosen agent's figures at the "as of" moment, unless someone is typing in the form. */
function syncAgentFields() {
  const form = $('progress-form', HTMLFormElement);
  if (form.contains(document.activeElement) && document.activeElement !== $('update-agent')) return;
  const id = $('update-agent', HTMLSelectElement).value;
  const agent = state.evaluation?.agents.find((a) => a.id === id) ?? state.plan?.agents.find((a) => a.id === id);
  if (!agent) return;
  $('update-progress', HTMLInputElement).value = String(agent.progress);
  $('update-task-text', HTMLInputElement).value = agent.current_task ?? '';
}

const agentName = (id) => state.plan.agents.find((a) => a.id === id)?.name ?? id;

/** Applies a change through the engine, persists the plan, re-evaluates at once, offers undo. */
async function applyChange(change, done) {
  const before = state.dashboard.toJson();
  try {
    state.dashboard.update(change);
  } catch (error) {
    showMessage(`Not applied: ${messageOf(error)}`);
    return;
  }
  state.undo = { plan: before, done };
  planChanged();
  await persistPlan();
  evaluateAndRender();
  showMessage(done, true);
}

async function undo() {
  if (!state.undo) return;
  const { plan, done } = state.undo;
  state.undo = null;
  loadPlan(plan, state.planSource);
  await persistPlan();
  evaluateAndRender();
  showMessage(`Undone: ${done}`);
}

function showMessage(text, undoable = false) {
  $('update-message').textContent = text;
  $('update-undo', HTMLButtonElement).hidden = !undoable;
}

function resolveBlocker(id) {
  const title = state.plan.blockers.find((b) => b.id === id)?.title ?? id;
  const at = isoAt(state.asOfMs);
  return applyChange({ kind: 'resolve_blocker', blocker: id, at }, `“${title}” resolved at ${formatTime(at)}.`);
}

function onProgress(event) {
  event.preventDefault();
  const form = new FormData(/** @type {HTMLFormElement} */ (event.target));
  const agent = String(form.get('agent'));
  const progress = Number(form.get('progress'));
  const at = isoAt(state.asOfMs);
  const current = state.evaluation?.agents.find((a) => a.id === agent)?.progress;
  if (current !== undefined && progress < current && !confirm(`Lower ${agentName(agent)} from ${current}% to ${progress}% at ${formatTime(at)}?`)) {
    showMessage(`Not reported: ${agentName(agent)} stays at ${current}%.`);
    return;
  }
  /** @type {Update} */
  const change = { kind: 'progress', agent, at, progress };
  if (form.get('status')) change.status = /** @type {any} */ (form.get('status'));
  if (form.get('current_task')) change.current_task = String(form.get('current_task'));
  const status = change.status ? `, ${change.status}` : '';
  applyChange(change, `Progress of ${agentName(agent)} reported: ${progress}%${status} at ${formatTime(at)}.`);
}

function onTask(event) {
  event.preventDefault();
  const form = new FormData(/** @type {HTMLFormElement} */ (event.target));
  const id = String(form.get('task'));
  const progress = Number(form.get('progress'));
  const owner = state.plan.agents.find((a) => (a.tasks ?? []).some((t) => t.id === id));
  const title = owner?.tasks.find((t) => t.id === id)?.title ?? id;
  const at = isoAt(state.asOfMs);
  applyChange({ kind: 'task', task: id, progress, at }, `${owner ? `${owner.name}: ` : ''}“${title}” at ${progress}% (${formatTime(at)}).`);
}

function onMetric(event) {
  event.preventDefault();
  const form = new FormData(/** @type {HTMLFormElement} */ (event.target));
  const id = String(form.get('metric'));
  const metric = state.plan.metrics.find((m) => m.id === id);
  const measured = Number(form.get('measured'));
  const at = isoAt(state.asOfMs);
  applyChange({ kind: 'metric', metric: id, measured, at, source: 'dashboard' }, `${metric?.name ?? id} measured ${figure(measured)}${metric?.unit ? ` ${metric.unit}` : ''} at ${formatTime(at)}.`);
}

// ---- import, export, report ---------------------------------------------------------------------

async function onImport() {
  const file = $('plan-file', HTMLInputElement).files[0];
  if (!file) return showPlanError('Choose a plan JSON file first.');
  try {
    loadPlan(await file.text(), `imported ${file.name}`);
    $('plan-error').hidden = true;
    await persistPlan();
    setAsOf(latestReport(state.plan));
  } catch (error) {
    showPlanError(`${file.name}: ${messageOf(error)}`);
  }
}

async function onReset() {
  await store.remove('plan');
  loadPlan(await fetchShippedPlan(), 'shipped plan');
  setAsOf(latestReport(state.plan));
}

async function onImportLog() {
  const file = $('log-file', HTMLInputElement).files[0];
  if (!file) return showPlanError('Choose a measurements log (measurements.jsonl) first.');
  try {
    loadLog(await file.text(), file.name);
    $('plan-error').hidden = true;
    await store.set('measurements', { text: state.log.text, source: file.name });
    setAsOf(latestReport(state.plan));
  } catch (error) {
    showPlanError(`${file.name}: ${messageOf(error)}`);
  }
}

function showPlanError(message) {
  const box = $('plan-error');
  box.hidden = false;
  box.textContent = message;
  $('dashboard').setAttribute('aria-busy', 'false');
}

function wireControls() {
  const range = $('as-of-range', HTMLInputElement);
  range.addEventListener('input', () => setAsOf(Number(range.value)));
  const input = $('as-of-input', HTMLInputElement);
  input.addEventListener('change', () => {
    const ms = Date.parse(`${input.value}:00${state.clock.suffix}`);
    if (Number.isFinite(ms)) setAsOf(ms);
  });
  $('as-of-back').addEventListener('click', () => setAsOf(state.asOfMs - HOUR));
  $('as-of-forward').addEventListener('click', () => setAsOf(state.asOfMs + HOUR));
  $('as-of-latest').addEventListener('click', () => setAsOf(latestReport(state.plan)));
  $('update-agent').addEventListener('change', syncAgentFields);
  $('progress-form').addEventListener('submit', onProgress);
  $('task-form').addEventListener('submit', onTask);
  $('metric-form').addEventListener('submit', onMetric);
  $('plan-import').addEventListener('click', onImport);
  $('plan-export').addEventListener('click', () => download('plan.json', state.dashboard.toJson(), 'application/json'));
  $('report-download').addEventListener('click', () =>
    download(`status-report-${isoAt(state.asOfMs).slice(0, 16).replace(':', '')}.md`, state.dashboard.report(isoAt(state.asOfMs)), 'text/markdown'),
  );
  $('plan-reset').addEventListener('click', onReset);
  $('log-import').addEventListener('click', onImportLog);
  $('update-undo').addEventListener('click', undo);
  const preview = $('report-preview').closest('details');
  preview.addEventListener('toggle', () => {
    if (preview.open && state.dashboard) $('report-preview').textContent = state.dashboard.report(isoAt(state.asOfMs));
  });
}
