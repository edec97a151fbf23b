// What the engine remembers for the open role, and why: stated preferences (what they do, where
// they apply, when they were said; each with Forget), preferences they replaced, the shortlist,
// the rejected, and the role's recent episodes. The shapes come from the engine's memory view.
import { h, humanise, replace, titleCase } from './dom.js';

/** @typedef {import('../../pkg-web/castmatch.js').MemoryView} MemoryView */
/** @typedef {import('../../pkg-web/castmatch.js').DecisionRecord} DecisionRecord */
/** @typedef {import('../../pkg-web/castmatch.js').Episode} Episode */
/** @typedef {import('../../pkg-web/castmatch.js').Preference} Preference */
/** @typedef {(id: string) => string | undefined} NameOf */

/** Talent ids of a memory list. @param {DecisionRecord[]} list */
export function idsOf(list) {
  return new Set(list.map((entry) => entry.talent_id));
}

/**
 * Renders `memory` into `panel`. `nameOf(id)` names a talent; `onForget(preferenceId)` forgets;
 * `onRemove(talentId)` takes a talent off the shortlist or the rejected list. Shortlisted and
 * rejected talents show as remembered (`memory.candidates`: name, age, city, tags), so the lists
 * read the same on any roster.
 * @param {HTMLElement} panel
 * @param {MemoryView} memory
 * @param {{nameOf: NameOf, onForget: (preferenceId: string) => void, onRemove?: (talentId: string) => void}} actions
 */
export function renderMemory(panel, memory, { nameOf, onForget, onRemove }) {
  const cards = new Map(memory.candidates.map((c) => [c.talent_id, c]));
  const { preferences, superseded, shortlist, rejected } = memory;
  replace(
    panel,
    section('Preferences', preferences, (p) => preference(p, onForget), 'None stated. Tell CastMatch above, e.g. “prefer theatre-trained actors”.'),
    superseded.length
      ? h('details', { class: 'memory-section' }, h('summary', {}, `Replaced preferences (${superseded.length})`),
          h('ul', { class: 'memory-list' }, superseded.map((p) => h('li', {}, `${p.text} — replaced by ${p.superseded_by}`))))
      : null,
    learned(shortlist, rejected),
    section('Shortlist', shortlist, (entry) => talentEntry(entry, nameOf, onRemove, 'shortlist', cards.get(entry.talent_id)), 'No one shortlisted for this role.'),
    section('Rejected', rejected, (entry) => talentEntry(entry, nameOf, onRemove, 'rejected list', cards.get(entry.talent_id)), 'No one rejected.'),
    section('This role so far', memory.episodes.slice(-8).reverse(), (e) => episode(e, nameOf), 'Nothing yet.'),
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

/** Why the ranking changed without a stated preference: feedback on this role. */
function learned(shortlist, rejected) {
  if (!shortlist.length && !rejected.length) return null;
  const parts = [];
  if (shortlist.length) parts.push(`leans towards talent like the ${shortlist.length} shortlisted`);
  if (rejected.length) parts.push(`hides the ${rejected.length} rejected and leans away from them`);
  return h('p', { class: 'memory-learned' }, `Learned from your decisions: this role’s ranking ${parts.join(' and ')}.`);
}

/** @param {Preference} p @param {(id: string) => void} onForget */
function preference(p, onForget) {
  const why = [describe(p.kind), describe(p.target), describe(p.scope), p.created_at ? `said ${when(p.created_at)}` : null].filter(Boolean).join(' · ');
  return h(
    'li',
    { class: 'preference', dataset: { id: p.id } },
    h('span', { class: 'preference-text' }, `“${p.text}”`),
    h('button', { type: 'button', class: 'button small forget', 'aria-label': `Forget “${p.text}”`, onclick: () => onForget(p.id) }, 'Forget'),
    why ? h('span', { class: 'preference-why' }, why) : null,
  );
}

/** `"all_roles"` -> "all roles"; `{older_than: 60}` -> "older than 60"; `{skill: "theatre"}` -> "skill: theatre". */
function describe(value) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return humanise(value);
  return Object.entries(value)
    .map(([key, inner]) => (typeof inner === 'number' ? `${humanise(key)} ${inner}` : `${humanise(key)}: ${typeof inner === 'object' ? describe(inner) : inner}`))
    .join(', ');
}

/**
 * @param {DecisionRecord} entry @param {NameOf} nameOf
 * @param {((talentId: string) => void) | undefined} onRemove @param {string} list
 * @param {import('../../pkg-web/castmatch.js').Candidate} [card]
 */
function talentEntry(entry, nameOf, onRemove, list, card) {
  const id = entry.talent_id;
  const note = entry.note ? ` — ${entry.note}` : '';
  const name = nameOf(id) ?? id;
  const who = card ? [name, card.age, card.city && titleCase(card.city)].filter(Boolean).join(', ') : name;
  const remove = onRemove
    ? h('button', { type: 'button', class: 'button small remove', 'aria-label': `Remove ${name} from the ${list}`, onclick: () => onRemove(id) }, 'Remove')
    : null;
  const tags = card?.tags.length ? h('span', { class: 'candidate-tags-inline' }, ` [${card.tags.join(', ')}]`) : null;
  const own = card?.note ? h('span', { class: 'muted' }, ` — ${card.note}`) : null;
  return h('li', { dataset: { id } }, h('span', {}, `${who}${note}`, tags, own), remove);
}

/** @param {Episode} e @param {NameOf} nameOf */
function episode(e, nameOf) {
  const { event } = e;
  /** @type {[string, any]} */
  const [kind, detail] = typeof event === 'string' ? [event, null] : Object.entries(event)[0];
  let text;
  if (kind === 'turn') text = `you said “${detail.text}” (${detail.shown.length} shown)`;
  else if (kind === 'decided') text = `${detail.decision} ${nameOf(detail.talent_id) ?? detail.talent_id}${detail.note ? `: ${detail.note}` : ''}`;
  else if (kind === 'withdrew') text = `took ${nameOf(detail.talent_id) ?? detail.talent_id} off the ${detail.decision === 'reject' ? 'rejected list' : 'shortlist'}`;
  else if (kind === 'undid') text = `undid a decision on ${nameOf(detail.talent_id) ?? detail.talent_id}`;
  else if (kind === 'remembered') text = `remembered “${detail.text}”`;
  else if (kind === 'forgot') text = `forgot “${detail.text}”`;
  else text = `${humanise(kind)}${detail ? `: ${describe(detail)}` : ''}`;
  return h('li', {}, h('span', { class: 'muted' }, `${when(e.at)} `), titleCase(text.charAt(0)) + text.slice(1));
}

function when(ms) {
  if (!ms) return '';
  return new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
