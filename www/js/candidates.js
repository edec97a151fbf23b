// Working the shortlist: the director's notes and tags on each card, a side-by-side comparison
// of two to four candidates, and the open role's auditions (slots, invitations with a text
// ready to copy, their status). The state lives in the engine's memory (`memory().candidates`,
// `memory().auditions`); this module draws it and calls back to change it.
import { h, replace, titleCase } from './dom.js';
import { initials } from './results.js';

/** @typedef {import('../../pkg-web/castmatch.js').Match} Match */
/** @typedef {import('../../pkg-web/castmatch.js').MemoryView} MemoryView */
/** @typedef {import('../../pkg-web/castmatch.js').Candidate} Candidate */
/** @typedef {import('../../pkg-web/castmatch.js').Slot} Slot */
/** @typedef {import('../../pkg-web/castmatch.js').Invitation} Invitation */

/** At most this many candidates side by side: more is no longer a comparison. */
export const COMPARE_MAX = 4;

/** Candidates of a memory view by talent id. @param {MemoryView} memory @returns {Map<string, Candidate>} */
export function candidatesOf(memory) {
  return new Map(memory.candidates.map((c) => [c.talent_id, c]));
}

/** "Asha Rao, 28, F, Pune": who a remembered talent is, whichever roster is loaded. @param {Candidate} c */
export function describeCandidate(c) {
  return [c.name, c.age, c.gender && c.gender[0].toUpperCase(), c.city && titleCase(c.city)].filter(Boolean).join(', ');
}

/**
 * Adds to each result card the director's note and tags (with an editor) and a Compare box.
 * Cards keep their place: this only fills in what is new since the last call.
 * @param {HTMLElement} list
 * @param {Map<string, Candidate>} candidates
 * @param {Set<string>} comparing talent ids ticked for comparison
 * @param {{onAnnotate: (id: string, note: string, tags: string[]) => void, onCompare: (id: string, on: boolean) => void}} actions
 */
export function decorateCards(list, candidates, comparing, { onAnnotate, onCompare }) {
  for (const item of /** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll('.result'))) {
    const { id } = item.dataset;
    const article = item.querySelector('article');
    // A note being typed is not redrawn under the director's fingers.
    if (!article || article.querySelector('.note-editor')?.contains(document.activeElement)) continue;
    const name = item.querySelector('h3')?.textContent?.replace(/^\d+\.\s*/, '') ?? id;
    article.querySelector('.candidate-notes')?.remove();
    const actions = article.querySelector('.result-actions');
    article.insertBefore(notesEditor(id, name, candidates.get(id), onAnnotate), actions);
    if (!actions.querySelector('.compare-toggle')) {
      const box = h('input', { type: 'checkbox', class: 'compare-box', onchange: (/** @type {Event} */ e) => onCompare(id, /** @type {HTMLInputElement} */ (e.target).checked) });
      actions.append(h('label', { class: 'button compare-toggle', title: `Compare up to ${COMPARE_MAX} side by side` }, box, ' Compare'));
    }
    /** @type {HTMLInputElement} */ (actions.querySelector('.compare-box')).checked = comparing.has(id);
  }
}

/** The note and tags shown on a card, and the form that edits them. */
function notesEditor(id, name, candidate, onAnnotate) {
  const note = candidate?.note ?? '';
  const tags = candidate?.tags ?? [];
  const noteInput = h('textarea', { class: 'note-input', rows: 2, maxlength: 2000, 'aria-label': `Note on ${name}` }, note);
  const tagInput = h('input', { class: 'tags-input', value: tags.join(', '), autocomplete: 'off', 'aria-label': `Tags for ${name}, separated by commas`, placeholder: 'callback, needs dialect coach' });
  const save = (/** @type {Event} */ event) => {
    event.preventDefault();
    const list = /** @type {HTMLInputElement} */ (tagInput).value.split(',').map((t) => t.trim()).filter(Boolean);
    onAnnotate(id, /** @type {HTMLTextAreaElement} */ (noteInput).value, list);
  };
  const summary = note || tags.length ? 'Edit note' : 'Add note or tags';
  return h(
    'div',
    { class: 'candidate-notes' },
    tags.length ? h('ul', { class: 'candidate-tags', 'aria-label': 'Your tags' }, tags.map((t) => h('li', {}, t))) : null,
    note ? h('p', { class: 'candidate-note' }, note) : null,
    h(
      'details',
      { class: 'note-editor' },
      h('summary', {}, summary),
      h('form', { class: 'note-form', onsubmit: save }, noteInput, tagInput, h('button', { type: 'submit', class: 'button small' }, 'Save note')),
    ),
  );
}

/**
 * The comparison of the ticked candidates, one column each: photo, age, city, languages, skills,
 * fit, reasons, concerns and the director's notes, row by row so the eye reads across.
 * @param {HTMLElement} box
 * @param {Match[]} matches the ticked candidates as last ranked
 * @param {Map<string, Candidate>} candidates
 * @param {(id: string) => void} onDrop
 */
export function renderComparison(box, matches, candidates, onDrop) {
  /** @type {[string, (m: Match) => any][]} */
  const rows = [
    ['Age', (m) => `${m.talent.age}${m.talent.age < 18 ? ' (minor)' : ''}`],
    ['Gender', (m) => titleCase(m.talent.gender)],
    ['City', (m) => titleCase(m.talent.city)],
    ['Height', (m) => (m.talent.height_cm ? `${m.talent.height_cm} cm` : '—')],
    ['Languages', (m) => m.talent.languages.map(titleCase).join(', ') || '—'],
    ['Skills', (m) => m.talent.skills.map(titleCase).join(', ') || '—'],
    ['Experience', (m) => `${m.talent.experience_years} yrs`],
    ['Day rate', (m) => (typeof m.talent.day_rate_inr === 'number' ? `₹${m.talent.day_rate_inr.toLocaleString('en-IN')}` : '—')],
    ['Fit', (m) => String(m.fit ?? Math.round(m.score * 100))],
    ['Why', (m) => list(m.reasons, 'reasons')],
    ['Against', (m) => list(m.concerns, 'concerns')],
    ['Your notes', (m) => notesOf(candidates.get(m.id))],
  ];
  const head = h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Detail')), matches.map((m) => h('th', { scope: 'col' }, photo(m), h('span', { class: 'compare-name' }, m.name), h('button', { type: 'button', class: 'button small', 'aria-label': `Drop ${m.name} from the comparison`, onclick: () => onDrop(m.id) }, 'Drop'))));
  const body = rows.map(([label, cell]) => h('tr', {}, h('th', { scope: 'row' }, label), matches.map((m) => h('td', {}, cell(m)))));
  const hint = matches.length > 2 ? h('p', { class: 'compare-hint muted' }, `${matches.length} candidates: scroll sideways to see them all.`) : null;
  replace(box, hint, h('table', { class: 'compare-table', dataset: { count: matches.length } }, h('thead', {}, head), h('tbody', {}, body)));
}

function list(items, kind) {
  return items.length ? h('ul', { class: `compare-${kind}` }, items.map((r) => h('li', {}, r))) : '—';
}

function notesOf(candidate) {
  if (!candidate || (!candidate.note && !candidate.tags.length)) return '—';
  return h('div', {}, candidate.tags.length ? h('ul', { class: 'candidate-tags' }, candidate.tags.map((t) => h('li', {}, t))) : null, candidate.note ? h('p', {}, candidate.note) : null);
}

/** The headshot or the initials, as on the cards. @param {Match} m */
function photo(m) {
  const url = m.talent.photo_url;
  const placeholder = () => h('span', { class: 'headshot headshot-initials compare-photo', 'aria-hidden': 'true' }, initials(m.name));
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url)) return placeholder();
  const image = h('img', { class: 'headshot compare-photo', src: url, alt: `Headshot of ${m.name}`, referrerpolicy: 'no-referrer', width: 96, height: 96 });
  image.addEventListener('error', () => image.replaceWith(placeholder()), { once: true });
  return image;
}

// ---- auditions ------------------------------------------------------------------------------

const STATUSES = ['invited', 'confirmed', 'declined', 'seen'];
const DAY = new Intl.DateTimeFormat('en-IN', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Tuesday, 3 March 2026". @param {string} iso */
export function dayOf(iso) {
  return DAY.format(new Date(`${iso}T00:00:00Z`));
}

/** "10:30" -> "10:30 am"; "17:00" -> "5:00 pm". @param {string} time */
export function clockOf(time) {
  const [hours, minutes] = time.split(':').map(Number);
  return `${((hours + 11) % 12) + 1}:${String(minutes).padStart(2, '0')} ${hours < 12 ? 'am' : 'pm'}`;
}

/**
 * The message inviting a talent, ready to paste into WhatsApp or an email.
 * @param {{name: string}} who @param {Slot} slot @param {{project: string, role: string, director: string}} role
 */
export function invitationText(who, slot, role) {
  const first = who.name.split(/\s+/)[0] || who.name;
  const production = role.project && role.project !== 'default' ? ` in “${role.project}”` : '';
  const signed = role.director && role.director !== 'default' ? `\n— ${role.director}` : '';
  return `Hi ${first}, you are invited to audition for the role of ${role.role}${production} on ${dayOf(slot.date)} at ${clockOf(slot.time)}, at ${slot.place}. Please reply to confirm.${signed}`;
}

/**
 * The open role's auditions: its slots (add, remove), the shortlisted talents not yet invited
 * (pick a slot, Invite) and each invitation with its text, Copy, and its status.
 * @param {HTMLElement} panel
 * @param {MemoryView} memory
 * @param {{nameOf: (id: string) => string, onAddSlot: (date: string, time: string, place: string) => void,
 *   onRemoveSlot: (id: number) => void, onInvite: (talentId: string, slot: number) => void,
 *   onStatus: (talentId: string, status: string) => void}} actions
 */
export function renderAuditions(panel, memory, actions) {
  const { slots, invitations } = memory.auditions;
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const invited = new Set(invitations.map((i) => i.talent_id));
  const waiting = memory.shortlist.filter((d) => !invited.has(d.talent_id));
  const role = { project: memory.project, role: memory.role, director: memory.director };
  replace(
    panel,
    slotForm(actions.onAddSlot),
    slots.length
      ? h('ul', { class: 'memory-list audition-slots', 'aria-label': 'Audition slots' }, slots.map((s) => slotItem(s, invitations, actions.onRemoveSlot)))
      : h('p', { class: 'muted' }, 'No slots yet for this role: add a date, time and place above.'),
    slots.length && waiting.length
      ? h('div', { class: 'to-invite' }, h('h3', {}, `Shortlisted, not invited (${waiting.length})`), h('ul', { class: 'memory-list' }, waiting.map((d) => inviteItem(d.talent_id, actions.nameOf(d.talent_id), slots, actions.onInvite))))
      : null,
    invitations.length
      ? h('div', { class: 'invitations' }, h('h3', {}, `Invitations (${invitations.length})`), h('ul', { class: 'memory-list invitation-list' }, invitations.map((i) => invitationItem(i, slotById.get(i.slot), actions, role, slots))))
      : null,
  );
}

function slotForm(onAddSlot) {
  const date = h('input', { type: 'date', name: 'date', required: true, 'aria-label': 'Audition date' });
  const time = h('input', { type: 'time', name: 'time', required: true, value: '10:00', 'aria-label': 'Start time' });
  const place = h('input', { name: 'place', required: true, autocomplete: 'off', placeholder: 'Studio 4, Film City, Goregaon', 'aria-label': 'Place' });
  const submit = (/** @type {Event} */ event) => {
    event.preventDefault();
    onAddSlot(/** @type {HTMLInputElement} */ (date).value, /** @type {HTMLInputElement} */ (time).value, /** @type {HTMLInputElement} */ (place).value);
  };
  return h('form', { class: 'slot-form', onsubmit: submit }, date, time, place, h('button', { type: 'submit', class: 'button' }, 'Add slot'));
}

/** @param {Slot} s @param {Invitation[]} invitations */
function slotItem(s, invitations, onRemoveSlot) {
  const count = invitations.filter((i) => i.slot === s.id).length;
  return h(
    'li',
    { dataset: { slot: s.id } },
    h('span', {}, `${dayOf(s.date)}, ${clockOf(s.time)} · ${s.place}${count ? ` · ${count} invited` : ''}`),
    h('button', { type: 'button', class: 'button small remove', disabled: count > 0, title: count ? 'Move or cancel its invitations first' : undefined, 'aria-label': `Remove the slot of ${dayOf(s.date)} ${clockOf(s.time)}`, onclick: () => onRemoveSlot(s.id) }, 'Remove'),
  );
}

function slotSelect(slots, selected, label) {
  return h('select', { class: 'slot-select', 'aria-label': label }, slots.map((s) => h('option', { value: s.id, selected: s.id === selected }, `${dayOf(s.date).replace(/, \d{4}$/, '')} ${clockOf(s.time)}, ${s.place}`)));
}

function inviteItem(id, name, slots, onInvite) {
  const select = slotSelect(slots, slots[0].id, `Slot for ${name}`);
  return h('li', { dataset: { id } }, h('span', {}, name), select, h('button', { type: 'button', class: 'button small invite', onclick: () => onInvite(id, Number(/** @type {HTMLSelectElement} */ (select).value)) }, 'Invite'));
}

/** @param {Invitation} invitation @param {Slot | undefined} slot */
function invitationItem(invitation, slot, actions, role, slots) {
  const id = invitation.talent_id;
  const name = actions.nameOf(id);
  const text = slot ? invitationText({ name }, slot, role) : '';
  const status = h('select', { class: 'status-select', 'aria-label': `Status of ${name}’s invitation`, onchange: (/** @type {Event} */ e) => actions.onStatus(id, /** @type {HTMLSelectElement} */ (e.target).value) },
    STATUSES.map((s) => h('option', { value: s, selected: s === invitation.status }, titleCase(s))),
    h('option', { value: 'cancelled' }, 'Cancel invitation'));
  const move = slotSelect(slots, invitation.slot, `Move ${name} to another slot`);
  move.addEventListener('change', () => actions.onInvite(id, Number(/** @type {HTMLSelectElement} */ (move).value)));
  const textBox = h('textarea', { class: 'invitation-text', readonly: true, rows: 3, 'aria-label': `Invitation to ${name}` }, text);
  const copy = async () => {
    /** @type {HTMLTextAreaElement} */ (textBox).select();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      document.execCommand('copy'); // an http page or a refused permission: the selection copies
    }
    copyButton.textContent = 'Copied';
  };
  const copyButton = h('button', { type: 'button', class: 'button small copy', onclick: copy }, 'Copy');
  return h('li', { class: `invitation status-${invitation.status}`, dataset: { id, status: invitation.status } }, h('span', { class: 'invitation-who' }, name), status, move, textBox, copyButton);
}
