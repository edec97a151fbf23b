// The gates on a timeline from the start to the target, each GO / NO-GO / PENDING at the "as of"
// moment, with the moment itself marked and named by the same day as the header (day N runs from
// N-1 to N days after the start; a day-N gate is due at its end); below it, each gate's criteria.
import { h } from './dom.js';

const DECISION_CLASS = { GO: 'go', 'NO-GO': 'no-go', PENDING: 'pending' };

/** `elapsedDays` places the "as of" marker, `day` names it; `targetDays` is the right end. */
export function renderTimeline(container, gates, { elapsedDays, day, targetDays }) {
  const span = Math.max(targetDays, ...gates.map((g) => g.day), 1);
  const at = (day) => `${Math.min(100, Math.max(0, (day / span) * 100))}%`;
  container.replaceChildren(
    h(
      'div',
      { class: 'timeline', role: 'img', 'aria-label': gates.map((g) => `Day ${g.day} ${g.name}: ${g.decision}`).join('; ') },
      h('div', { class: 'timeline-track' }),
      h('div', { class: 'timeline-now', style: `left:${at(elapsedDays)}` }, h('span', {}, `as of day ${day}`)),
      gates.map((gate) =>
        h(
          'div',
          { class: `timeline-gate gate-${DECISION_CLASS[gate.decision] ?? 'pending'}`, style: `left:${at(gate.day)}`, title: `${gate.name}: ${gate.decision} (due at the end of day ${gate.day})` },
          h('span', { class: 'dot' }),
          h('span', { class: 'day' }, `D${gate.day}`),
        ),
      ),
    ),
  );
}

/** One card per gate: decision, due time, criteria met, what fails, what is at risk. */
export function renderGateCards(list, gates, formatTime) {
  list.replaceChildren(
    ...gates.map((gate) =>
      h(
        'li',
        { class: 'gate-card', dataset: { id: gate.id, decision: gate.decision } },
        h('p', {}, h('span', { class: `badge ${DECISION_CLASS[gate.decision] ?? 'pending'}` }, gate.decision), ' ', h('strong', {}, gate.name)),
        h('p', { class: 'muted' }, `Day ${gate.day} · due ${formatTime(gate.due)} · ${gate.criteria_met}/${gate.criteria_total} criteria met`),
        gate.go_if ? h('p', {}, h('strong', {}, 'GO if: '), gate.go_if) : null,
        gate.failing?.length
          ? h('details', {}, h('summary', {}, `${gate.failing.length} failing`), h('ul', { 'aria-label': 'Failing criteria' }, gate.failing.map((f) => h('li', {}, f))))
          : null,
        gate.at_risk ? h('p', { class: 'risk' }, h('strong', {}, 'At risk: '), gate.risks.join('; ')) : null,
      ),
    ),
  );
}
