// The shortlist as a deliverable: the open role's shortlist as one document (role, brief, date,
// each talent's headshot, details, fit, reasons, notes and tags) that prints (the browser's print
// is the PDF path), exports as CSV, and goes to the producer as a read-only share file that this
// page opens again without server state. Building and checking the document are pure functions.
import { h, replace, titleCase } from './dom.js';
import { chipsOf } from './chips.js';
import { initials } from './results.js';

/** @typedef {import('../../pkg-web/castmatch.js').Match} Match */
/** @typedef {import('../../pkg-web/castmatch.js').MemoryView} MemoryView */
/** @typedef {import('../../pkg-web/castmatch.js').RequirementsInput} RequirementsInput */
/** @typedef {import('../../pkg-web/castmatch.js').Talent} Talent */
/** @typedef {{fit: number | null, reasons: string[], concerns: string[]}} Seen a card as shown */
/**
 * @typedef {{id: string, name: string, age: number | null, gender: string | null, city: string | null,
 *   photo_url: string | null, fit: number | null, fit_from: 'brief' | 'shortlisted' | null,
 *   reasons: string[], concerns: string[], note: string, tags: string[], shortlisted_at: string | null}} ShortlistTalent
 * `fit_from`: ranked against the role's brief now, or as the card read when shortlisted
 * (the talent is not on the loaded roster, or no longer meets the brief).
 */
/**
 * @typedef {{castmatch_shortlist: number, exported_at: string, director: string, project: string,
 *   role: string, brief: string[], talents: ShortlistTalent[]}} Shortlist
 */

/** The share file's format version; a newer file is refused with its version named. */
export const SHARE_VERSION = 1;
/**
 * Memory's boosts ("you shortlisted 3 theatre-trained actors for this role", "you prefer …
 * (stated, …)") explain the director's own ranking, not the talent: a producer reads them as
 * noise, so the deliverable keeps the reasons that speak to the brief.
 */
const MEMORY_BOOST = /^you /i;
/** More than this is not a shortlist (and keeps a hostile file from stalling the page). */
const MAX_TALENTS = 1000;

/**
 * The open role's shortlist as a document. Details come from memory's remembered candidates
 * (they survive a roster change), then the roster; fit and reasons from the role's current
 * ranking, else as the card read when shortlisted (memory's boosts left out). Best fit first,
 * then by when shortlisted.
 * @param {{memory: MemoryView, requirements: RequirementsInput, ranked: Match[],
 *   seen: Map<string, Seen>, talent: (id: string) => Talent | undefined, now: Date}} input
 * @returns {Shortlist}
 */
export function buildShortlist({ memory, requirements, ranked, seen, talent, now }) {
  const remembered = new Map(memory.candidates.map((c) => [c.talent_id, c]));
  const rankedById = new Map(ranked.map((m) => [m.id, m]));
  const talents = memory.shortlist.map((decision) => {
    const id = decision.talent_id;
    const kept = remembered.get(id);
    const live = talent(id);
    const match = rankedById.get(id);
    const shown = match ?? seen.get(id);
    return {
      id,
      name: kept?.name ?? live?.name ?? id,
      age: kept?.age ?? live?.age ?? null,
      gender: kept?.gender ?? live?.gender ?? null,
      city: kept?.city ?? live?.city ?? null,
      photo_url: kept?.photo_url ?? live?.photo_url ?? null,
      fit: shown ? shown.fit ?? null : null,
      fit_from: match ? 'brief' : shown ? 'shortlisted' : null,
      reasons: (shown?.reasons ?? []).filter((r) => !MEMORY_BOOST.test(r)),
      concerns: shown?.concerns ?? [],
      note: [decision.note, kept?.note].filter(Boolean).join('\n'),
      tags: kept?.tags ?? [],
      shortlisted_at: decision.at ? new Date(decision.at).toISOString() : null,
    };
  });
  const order = new Map(talents.map((t, i) => [t.id, i]));
  talents.sort((a, b) => (b.fit ?? -1) - (a.fit ?? -1) || order.get(a.id) - order.get(b.id));
  return {
    castmatch_shortlist: SHARE_VERSION,
    exported_at: now.toISOString(),
    director: memory.director,
    project: memory.project,
    role: memory.role,
    brief: chipsOf(requirements).map((c) => c.label),
    talents: /** @type {ShortlistTalent[]} */ (talents),
  };
}

// ---- CSV ------------------------------------------------------------------------------------

const CSV_COLUMNS = /** @type {[string, (t: ShortlistTalent, i: number) => unknown][]} */ ([
  ['#', (_, i) => i + 1],
  ['Name', (t) => t.name],
  ['Age', (t) => t.age],
  ['Gender', (t) => t.gender && titleCase(t.gender)],
  ['City', (t) => t.city && titleCase(t.city)],
  ['Fit (0-100)', (t) => t.fit],
  ['Why', (t) => t.reasons.join('; ')],
  ['Against', (t) => t.concerns.join('; ')],
  ['Notes', (t) => t.note],
  ['Tags', (t) => t.tags.join(', ')],
  ['Headshot', (t) => t.photo_url],
  ['Talent ID', (t) => t.id],
  ['Shortlisted on', (t) => t.shortlisted_at?.slice(0, 10)],
]);

/**
 * The shortlist as CSV (RFC 4180: CRLF rows, fields with a comma, quote or line break quoted,
 * quotes doubled), UTF-8 with a byte-order mark so Excel reads Devanagari names. A text that
 * would start a spreadsheet formula (equals, plus, minus or at sign first) gets an apostrophe before it.
 * @param {Shortlist} shortlist
 */
export function shortlistCsv(shortlist) {
  const rows = [CSV_COLUMNS.map(([name]) => name), ...shortlist.talents.map((t, i) => CSV_COLUMNS.map(([, cell]) => cell(t, i)))];
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** @param {unknown} value */
export function csvField(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** "castmatch-shortlist-my-project-mother-of-the-bride-2026-12-05": letters of any script kept. @param {Shortlist} s */
export function fileStem(s) {
  const slug = `${s.project}-${s.role}`.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  return `castmatch-shortlist-${slug}-${s.exported_at.slice(0, 10)}`;
}

// ---- the share file -------------------------------------------------------------------------

/** A share file that cannot be read: `path` is where (`$.talents[2].name`), `message` why. */
export class ShareFileError extends Error {
  /** @param {string} path @param {string} problem */
  constructor(path, problem) {
    super(`${path}: ${problem}`);
    this.name = 'ShareFileError';
    this.path = path;
  }
}

/**
 * Reads a share file, checking every field: anything wrong throws a `ShareFileError` naming
 * its JSON path (or, for text that is not JSON, the line and column). Unknown fields are ignored.
 * @param {string} text
 * @returns {Shortlist}
 */
export function readShortlist(text) {
  let root;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ShareFileError('$', `not JSON (${whereInText(text, error)})`);
  }
  const at = object(root, '$');
  if (!('castmatch_shortlist' in at)) {
    const hint = 'workbook' in at || 'preferences' in at ? ' (this looks like a memory export: use “Import memory”)' : '';
    throw new ShareFileError('$.castmatch_shortlist', `missing: not a CastMatch shortlist${hint}`);
  }
  const version = at.castmatch_shortlist;
  if (!Number.isInteger(version) || version < 1) throw new ShareFileError('$.castmatch_shortlist', `expected a format version (1), found ${JSON.stringify(version)}`);
  if (version > SHARE_VERSION) throw new ShareFileError('$.castmatch_shortlist', `version ${version} is newer than this page reads (${SHARE_VERSION}); update CastMatch`);
  const exported = string(at.exported_at, '$.exported_at');
  if (Number.isNaN(Date.parse(exported))) throw new ShareFileError('$.exported_at', `not a date: ${JSON.stringify(exported)}`);
  const talents = array(at.talents, '$.talents');
  if (talents.length > MAX_TALENTS) throw new ShareFileError('$.talents', `${talents.length} talents; a shortlist holds at most ${MAX_TALENTS}`);
  return {
    castmatch_shortlist: version,
    exported_at: exported,
    director: optional(at.director, '$.director', string) ?? '',
    project: optional(at.project, '$.project', string) ?? '',
    role: nonEmpty(at.role, '$.role'),
    brief: strings(at.brief ?? [], '$.brief'),
    talents: talents.map((t, i) => readTalent(t, `$.talents[${i}]`)),
  };
}

/** @returns {ShortlistTalent} */
function readTalent(value, path) {
  const t = object(value, path);
  const fit = optional(t.fit, `${path}.fit`, number);
  if (fit !== null && (fit < 0 || fit > 100)) throw new ShareFileError(`${path}.fit`, `${fit} is outside 0-100`);
  const age = optional(t.age, `${path}.age`, number);
  if (age !== null && (!Number.isInteger(age) || age < 0 || age > 120)) throw new ShareFileError(`${path}.age`, `${age} is not an age`);
  const fitFrom = optional(t.fit_from, `${path}.fit_from`, string);
  return {
    id: nonEmpty(t.id, `${path}.id`),
    name: nonEmpty(t.name, `${path}.name`),
    age,
    gender: optional(t.gender, `${path}.gender`, string),
    city: optional(t.city, `${path}.city`, string),
    photo_url: optional(t.photo_url, `${path}.photo_url`, string),
    fit,
    fit_from: fitFrom === 'brief' || fitFrom === 'shortlisted' ? fitFrom : null,
    reasons: strings(t.reasons ?? [], `${path}.reasons`),
    concerns: strings(t.concerns ?? [], `${path}.concerns`),
    note: optional(t.note, `${path}.note`, string) ?? '',
    tags: strings(t.tags ?? [], `${path}.tags`),
    shortlisted_at: optional(t.shortlisted_at, `${path}.shortlisted_at`, string),
  };
}

const kind = (value) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60));

function object(value, path) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ShareFileError(path, `expected an object, found ${value === undefined ? 'nothing' : kind(value)}`);
  return value;
}
function array(value, path) {
  if (!Array.isArray(value)) throw new ShareFileError(path, `expected a list, found ${value === undefined ? 'nothing' : kind(value)}`);
  return value;
}
function string(value, path) {
  if (typeof value !== 'string') throw new ShareFileError(path, `expected text, found ${value === undefined ? 'nothing' : kind(value)}`);
  return value;
}
function number(value, path) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShareFileError(path, `expected a number, found ${kind(value)}`);
  return value;
}
function nonEmpty(value, path) {
  const text = string(value, path);
  if (!text.trim()) throw new ShareFileError(path, 'is empty');
  return text;
}
function strings(value, path) {
  return array(value, path).map((item, i) => string(item, `${path}[${i}]`));
}
/** `null` or missing is `null`; anything else must pass `check`. */
function optional(value, path, check) {
  return value === null || value === undefined ? null : check(value, path);
}

/** "line 3, column 7" from a JSON.parse error, whichever way the engine words its position. */
function whereInText(text, error) {
  const message = String(error?.message ?? error);
  const line = /line (\d+) column (\d+)/.exec(message);
  if (line) return `line ${line[1]}, column ${line[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return /unexpected end/i.test(message) ? 'it ends too early: the file is cut short' : message;
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(position[1])).split('\n');
  return `line ${before.length}, column ${before.at(-1).length + 1}`;
}

// ---- the printable view ---------------------------------------------------------------------

const DATE = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * Draws the shortlist, print-ready, into `box`: a toolbar (not printed), the read-only banner of
 * a shared file, the role, brief and date, then one entry per talent.
 * @param {HTMLElement} box
 * @param {Shortlist} s
 * @param {{shared: boolean, onPrint: () => void, onCsv: () => void, onShare?: () => void, onClose: () => void}} actions
 */
export function renderShortlist(box, s, { shared, onPrint, onCsv, onShare, onClose }) {
  const dated = DATE.format(new Date(s.exported_at));
  const by = s.director && s.director !== 'default' ? ` by ${s.director}` : '';
  const project = s.project && s.project !== 'default' ? s.project : '';
  box.dataset.mode = shared ? 'shared' : 'own';
  replace(
    box,
    h(
      'div',
      { class: 'deliverable-toolbar button-row' },
      h('button', { type: 'button', class: 'button primary deliverable-print', onclick: onPrint }, 'Print / Save as PDF'),
      h('button', { type: 'button', class: 'button deliverable-csv', onclick: onCsv }, 'Download CSV'),
      onShare ? h('button', { type: 'button', class: 'button deliverable-share', onclick: onShare }, 'Download share file') : null,
      h('button', { type: 'button', class: 'button deliverable-close', onclick: onClose }, shared ? 'Close the shared shortlist' : 'Back to casting'),
    ),
    shared
      ? h('p', { class: 'read-only-banner', role: 'note' }, h('strong', {}, 'Read only. '), `A shortlist shared${by} on ${dated}: it is shown as sent; nothing here can be shortlisted, rejected or edited, and nothing is saved.`)
      : null,
    h(
      'header',
      { class: 'deliverable-head' },
      h('p', { class: 'deliverable-eyebrow' }, ['Shortlist', project].filter(Boolean).join(' · ')),
      h('h1', { id: 'deliverable-title' }, s.role),
      h('p', { class: 'deliverable-brief' }, h('strong', {}, 'Brief: '), s.brief.length ? s.brief.join(' · ') : 'no standing brief'),
      h('p', { class: 'deliverable-meta' }, `${s.talents.length} talent${s.talents.length === 1 ? '' : 's'} · prepared${by} on ${dated} with CastMatch · fit is 0–100 against the brief`),
    ),
    s.talents.length
      ? h('ol', { class: 'deliverable-list' }, s.talents.map((t, i) => entry(t, i)))
      : h('p', { class: 'muted' }, 'No one is shortlisted for this role yet.'),
  );
}

/** @param {ShortlistTalent} t @param {number} i */
function entry(t, i) {
  const details = [t.age !== null && `${t.age} yrs${t.age < 18 ? ' (minor)' : ''}`, t.gender && titleCase(t.gender), t.city && titleCase(t.city)].filter(Boolean);
  const fitNote = t.fit_from === 'shortlisted' ? ' (as when shortlisted)' : '';
  return h(
    'li',
    { class: 'deliverable-talent', dataset: { id: t.id } },
    photo(t),
    h(
      'div',
      { class: 'deliverable-body' },
      h('h2', { class: 'deliverable-name' }, h('span', { class: 'rank' }, `${i + 1}.`), ' ', t.name),
      h('p', { class: 'deliverable-details' }, details.join(' · ') || '—'),
      h('p', { class: 'deliverable-fit' }, t.fit === null ? 'Fit: not ranked against this brief' : h('span', {}, 'Fit ', h('strong', {}, String(t.fit)), `/100${fitNote}`)),
      t.reasons.length ? h('ul', { class: 'reasons deliverable-reasons', 'aria-label': 'Why' }, t.reasons.map((r) => h('li', {}, r))) : null,
      t.concerns.length ? h('ul', { class: 'concerns deliverable-concerns', 'aria-label': 'Against' }, t.concerns.map((r) => h('li', {}, r))) : null,
      t.tags.length ? h('ul', { class: 'candidate-tags', 'aria-label': 'Tags' }, t.tags.map((tag) => h('li', {}, tag))) : null,
      t.note ? h('p', { class: 'candidate-note deliverable-note' }, t.note) : null,
    ),
  );
}

/** The headshot, or the initials when there is none or it does not load. @param {ShortlistTalent} t */
function photo(t) {
  const placeholder = () => h('span', { class: 'headshot headshot-initials deliverable-photo', 'aria-hidden': 'true' }, initials(t.name));
  if (typeof t.photo_url !== 'string' || !/^https?:\/\/\S+$/i.test(t.photo_url)) return placeholder();
  const image = h('img', { class: 'headshot deliverable-photo', src: t.photo_url, alt: `Headshot of ${t.name}`, referrerpolicy: 'no-referrer', width: 96, height: 96 });
  image.addEventListener('error', () => image.replaceWith(placeholder()), { once: true });
  return image;
}

/** Resolves when the view's headshots have loaded or failed (at most `ms`): print them, not holes. */
export function imagesSettled(box, ms = 3000) {
  const pending = [...box.querySelectorAll('img')].filter((img) => !(/** @type {HTMLImageElement} */ (img).complete));
  const each = pending.map((img) => new Promise((resolve) => {
    img.addEventListener('load', resolve, { once: true });
    img.addEventListener('error', resolve, { once: true });
  }));
  return Promise.race([Promise.all(each), new Promise((resolve) => setTimeout(resolve, ms))]);
}
