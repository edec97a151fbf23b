// Measured metrics and services: each metric with its value, when and where it was measured
// and a small trend line of its readings; each service with its latest check and a strip of
// recent results. Every figure comes from the evaluation; this module only lays them out.
import { h, svg } from './dom.js';

/** @typedef {import('../../pkg-web/dashboard.js').MetricView} MetricView */
/** @typedef {import('../../pkg-web/dashboard.js').ServiceView} ServiceView */
/** @typedef {import('../../pkg-web/dashboard.js').TrendPoint} TrendPoint */

const SYMBOL = { lt: '<', le: '≤', gt: '>', ge: '≥' };
const SPARK_W = 120;
const SPARK_H = 30;

/** A value with the precision it deserves: 0.0123, 1.25, 42.5, 1234. */
export function figure(value) {
  const magnitude = Math.abs(value);
  const digits = magnitude === 0 || magnitude >= 100 ? 0 : magnitude >= 1 ? 2 : 4;
  return String(Number(value.toFixed(digits)));
}

/** Where a reading came from, shortly: a URL's host and path, a file's name. */
export function place(source) {
  if (!source) return '';
  try {
    const url = new URL(source.split(', ')[0]);
    return `${url.host}${url.pathname}${source.includes(', ') ? ' and more' : ''}`;
  } catch {
    return source.split('/').pop() ?? source;
  }
}

/**
 * @param {HTMLElement} list
 * @param {MetricView[]} metrics
 * @param {(iso: string) => string} formatTime
 */
export function renderMetrics(list, metrics, formatTime) {
  list.replaceChildren(
    ...metrics.map((m) => {
      const unit = m.unit ? ` ${m.unit}` : '';
      const measured = m.measured === null || m.measured === undefined;
      const when = m.measured_at ? `measured ${formatTime(m.measured_at)}` : measured ? 'not measured yet' : '';
      return h(
        'li',
        { class: `metric ${m.met ? 'met' : 'unmet'}`, dataset: { id: m.id, met: m.met, measured: !measured } },
        h('span', { class: 'mark', 'aria-label': m.met ? 'met' : 'not met' }, m.met ? '✓' : '✗'),
        h(
          'span',
          { class: 'metric-body' },
          h('strong', {}, m.name), ' ',
          h('span', { class: 'metric-value' }, measured ? '—' : `${figure(m.measured)}${unit}`),
          h('span', { class: 'muted' }, ` (target ${SYMBOL[m.comparison] ?? m.comparison} ${m.target}${unit})`),
          h('span', { class: 'metric-provenance muted' }, [when, m.measured_at ? (m.source ? `from ${place(m.source)}` : '') : m.source].filter(Boolean).join(' · ')),
        ),
        sparkline(m),
      );
    }),
  );
}

/**
 * The metric's readings over time as a line, the target dashed; title lists the points.
 * @param {MetricView} m
 */
function sparkline(m) {
  const points = m.trend ?? [];
  if (points.length < 2) return null;
  const times = points.map((p) => Date.parse(p.at));
  const values = points.map((p) => p.value);
  const low = Math.min(...values, m.target);
  const high = Math.max(...values, m.target);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const x = (t) => (t1 > t0 ? ((t - t0) / (t1 - t0)) * (SPARK_W - 4) + 2 : SPARK_W / 2);
  const y = (v) => (high > low ? SPARK_H - 3 - ((v - low) / (high - low)) * (SPARK_H - 6) : SPARK_H / 2);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(times[i]).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  return svg(
    'svg',
    { class: 'sparkline', width: SPARK_W, height: SPARK_H, viewBox: `0 0 ${SPARK_W} ${SPARK_H}`, role: 'img',
      'aria-label': `${m.name}: ${points.length} readings, from ${figure(values[0])} to ${figure(last.value)}` },
    svg('title', {}, points.map((p) => `${p.at.slice(0, 16).replace('T', ' ')}: ${figure(p.value)}`).join('\n')),
    svg('line', { x1: 0, x2: SPARK_W, y1: y(m.target), y2: y(m.target), stroke: '#8a8378', 'stroke-dasharray': '3 3', 'stroke-width': 1 }),
    svg('path', { d: line, fill: 'none', stroke: m.met ? '#1f6f3f' : '#a11616', 'stroke-width': 1.8 }),
    svg('circle', { cx: x(times[times.length - 1]), cy: y(last.value), r: 2.5, fill: m.met ? '#1f6f3f' : '#a11616' }),
  );
}

/**
 * @param {HTMLElement} list
 * @param {ServiceView[]} services
 * @param {(iso: string) => string} formatTime
 */
export function renderServices(list, services, formatTime) {
  if (!services.length) {
    list.replaceChildren(h('li', { class: 'muted' }, 'The plan names no services.'));
    return;
  }
  list.replaceChildren(
    ...services.map((s) => {
      const state = s.healthy === null || s.healthy === undefined ? 'unknown' : s.healthy ? 'up' : 'down';
      const said = state === 'unknown'
        ? 'not checked yet'
        : state === 'up'
          ? `up · ${s.healthy_streak} healthy in a row${s.stable ? ' (stable)' : ''} · checked ${formatTime(s.checked_at)}`
          : `down since ${formatTime(s.down_since)} · ${s.detail}`;
      return h(
        'li',
        { class: `service service-${state}`, dataset: { id: s.id, state } },
        h('span', { class: `badge ${state === 'up' ? 'ok' : state === 'down' ? 'bad' : ''}` }, state),
        ' ',
        h('strong', {}, s.name), ' ',
        h('code', { class: 'muted' }, s.check),
        h('span', { class: 'service-said muted' }, said),
        s.recent.length
          ? h('span', { class: 'check-strip', 'aria-label': `last ${s.recent.length} checks: ${s.recent.map((ok) => (ok ? 'up' : 'down')).join(', ')}` },
            s.recent.map((ok) => h('span', { class: ok ? 'check-up' : 'check-down' })))
          : null,
      );
    }),
  );
}
