// What the engine remembers for the current role, and why: stated and learned preferences (each
// with a Forget button), the shortlist, the rejected, and the episodes of the role so far.
// The memory's shape comes from the engine; this only lays it out.
import { h } from './dom.js';

/** Talent ids of a memory list whose entries may be ids or objects with an id. */
export function idsOf(list) {
  return new Set((list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry?.id ?? entry?.talent_id)));
}

/**
 * Renders `memory` into `panel`. `nameOf(id)` names a talent; `onForget(preferenceId)` forgets.
 */
export function renderMemory(panel, memory, { nameOf, onForget }) {
  const preferences = memory?.preferences ?? [];
  panel.replaceChildren(
    section('Preferences', preferences, (p) => preference(p, onForget), 'Nothing learned yet. Shortlist, reject, or tell me what you like.'),
    section('Shortlist', memory?.shortlist ?? [], (entry) => talentEntry(entry, nameOf), 'No one shortlisted for this role.'),
    section('Rejected', memory?.rejected ?? [], (entry) => talentEntry(entry, nameOf), 'No one rejected.'),
    section('This role so far', (memory?.episodes ?? []).slice(-8).reverse(), episode, 'No turns yet.'),
  );
}

function section(title, items, render, empty) {
  const slug = title.toLowerCase().replace(/\W+/g, '-');
  return h(
    'section',
    { class: 'memory-section', 'aria-labelledby': `memory-${slug}` },
    h('h3', { id: `memory-${slug}` }, title, ' ', h('span', { class: 'count' }, `(${items.length})`)),
    items.length ? h('ul', { class: `memory-list memory-${slug}` }, items.map(render)) : h('p', { class: 'muted' }, empty),
  );
}

function preference(p, onForget) {
  const text = p.text ?? p.statement ?? p.description ?? p.label ?? JSON.stringify(p);
  const why = p.why ?? p.reason ?? p.source ?? p.evidence;
  const weight = typeof p.weight === 'number' ? ` (weight ${p.weight.toFixed(2)})` : '';
  return h(
    'li',
    { class: 'preference', dataset: { id: p.id } },
    h('span', { class: 'preference-text' }, text, weight),
    why ? h('span', { class: 'preference-why' }, `why: ${Array.isArray(why) ? why.join('; ') : why}`) : null,
    p.id !== undefined
      ? h('button', { type: 'button', class: 'button small forget', 'aria-label': `Forget “${text}”`, onclick: () => onForget(p.id) }, 'Forget')
      : null,
  );
}

function talentEntry(entry, nameOf) {
  const id = typeof entry === 'string' ? entry : entry?.id ?? entry?.talent_id;
  const name = entry?.name ?? nameOf(id) ?? id;
  const note = entry?.note ? ` — ${entry.note}` : '';
  return h('li', { dataset: { id } }, `${name}${note}`);
}

function episode(e) {
  if (typeof e === 'string') return h('li', {}, e);
  const text = e.text ?? e.summary ?? e.turn ?? e.event ?? JSON.stringify(e);
  return h('li', {}, [e.kind && `${e.kind}: `, text].filter(Boolean).join(''));
}
