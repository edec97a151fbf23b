// The casting chat page: wires the roster, the conversation (built-in parser or Claude with
// the wasm `search_talent` tool), the standing brief, results, memory, roles and persistence.
import { loadRoster, syntheticSource, fileSource, pasteSource, readMemoryExport, writeMemoryExport } from './engine-client.js';
import * as store from './store.js';
import * as claude from './claude.js';
import { h, messageOf, download, byId } from './dom.js';
import { readingText, renderChips, renderReadings } from './chips.js';
import { renderResults, markResults } from './results.js';
import { renderMemory, idsOf } from './memory-panel.js';
import { arrange, freshView, renderTools } from './pool-view.js';
import { whyNot, RANK_DEPTH } from './why-not.js';
import { wirePhoneTabs, resultsChanged, showShortlistCount, onPhone } from './phone.js';
import { candidatesOf, decorateCards, renderComparison, renderAuditions, COMPARE_MAX } from './candidates.js';
import { buildShortlist, shortlistCsv, fileStem, readShortlist, renderShortlist, imagesSettled } from './deliverable.js';

const RESULTS_SHOWN = 12;
const RESULTS_FOR_CLAUDE = 8;
const HISTORY_MESSAGES = 12;
/** A shared shortlist larger than this is not one (a few hundred talents is a few hundred KB). */
const SHARED_FILE_MAX_BYTES = 5_000_000;

/** @typedef {import('../../pkg-web/castmatch.js').Engine} Engine */
/** @typedef {import('../../pkg-web/castmatch.js').Answer} Answer */
/** @typedef {import('../../pkg-web/castmatch.js').Change} Change */
/** @typedef {import('../../pkg-web/castmatch.js').Match} Match */
/** @typedef {import('../../pkg-web/castmatch.js').MemoryView} MemoryView */
/** @typedef {import('../../pkg-web/castmatch.js').Requirements} Requirements */
/** @typedef {import('../../pkg-web/castmatch.js').RequirementsInput} RequirementsInput */
/** @typedef {import('./engine-client.js').Loaded} Loaded */
/** @typedef {import('./engine-client.js').Source} Source */
/** @typedef {import('./claude.js').Health} Health */
/** @typedef {import('./pool-view.js').View} View */
/** @typedef {{who: 'director' | 'castmatch' | 'claude' | 'system', text: string, note?: string}} Turn */

const $ = byId;

/**
 * @type {{engine: Engine | null, claude: Health, role: string, requirements: RequirementsInput,
 *   matches: Match[], view: View, matching: number | null, turns: Turn[],
 *   history: {role: 'user' | 'assistant', content: string}[],
 *   busy: boolean, decided: number, ready: boolean, waiting: string[], comparing: Map<string, Match>,
 *   seen: Record<string, import('./deliverable.js').Seen>}}
 */
const state = {
  engine: null,
  claude: { claude: 'offline', models: [] },
  role: '', // "Project / Role", the key of the open role's transcript
  requirements: {},
  matches: [], // every card shown, in ranking order: the first page, then each "show more"
  view: freshView(), // how the director sorts and narrows the shown cards
  matching: null, // how many meet the brief, when known
  turns: [], // what the log shows: {who, text, note?}
  history: [], // text-only Claude messages of this role
  busy: false,
  decided: 0, // decisions since the cards on screen were ranked: the next ranking says what they changed
  ready: false, // the roster is loaded and the session restored
  waiting: [], // briefs sent before that, answered in order once it is
  comparing: new Map(), // talent id -> Match, ticked for the side-by-side comparison
  seen: {}, // talent id -> fit and reasons as the card read when shortlisted (the deliverable's fallback)
};

// Exposed for the e2e tests and for poking at the engine from the console.
/** @type {any} */ (window).castmatch = state;

main().catch((error) => showRosterError(`Could not start: ${messageOf(error)}`));

async function main() {
  wireForms();
  const healthCheck = claude.health().then(showMode);
  const source = await chosenRosterSource();
  // A cached file roster that no longer loads falls back to the synthetic one.
  const loaded = (await useRoster(source)) || (source.kind !== 'synthetic' && (await useRoster(syntheticSource())));
  await healthCheck;
  if (loaded) await becomeReady();
  else $('composer-status').textContent = 'No roster could be loaded (see the roster panel): briefs sent now wait for one.';
}

/** A roster the director chose is in: rank it, or finish starting up if it is the first. */
async function rosterChanged() {
  if (state.ready) await refreshResults();
  else await becomeReady();
}

/** The first roster is in: restore the session, then answer what was sent meanwhile. */
async function becomeReady() {
  if (state.ready) return;
  await restoreSession();
  state.ready = true;
  $('composer-status').hidden = true;
  document.body.dataset.ready = 'true';
  await answerWaiting();
}

/** Answers the briefs sent while the roster was loading, in the order they were sent. */
async function answerWaiting() {
  for (const element of document.querySelectorAll('#chat-log [data-waiting]')) element.remove();
  const waiting = state.waiting.splice(0);
  for (const text of waiting) await runTurn(text);
}

// ---- mode ---------------------------------------------------------------------------------

function showMode(health) {
  state.claude = health;
  const online = health.claude === 'configured';
  $('mode').textContent = online ? `Claude (${health.models[0] ?? 'default model'}) via the server` : 'offline mode (built-in parser)';
  $('mode').dataset.mode = online ? 'claude' : 'offline';
}

function claudeAvailable() {
  return state.claude.claude === 'configured' && state.claude.models.length > 0;
}

// ---- roster -------------------------------------------------------------------------------

async function chosenRosterSource() {
  const fromUrl = syntheticSource();
  const saved = await store.get('roster:current').catch(() => undefined);
  const urlAsks = new URLSearchParams(location.search).has('n');
  // A file the director loaded stays the roster across reloads, unless the URL names a size.
  if (/^(file|paste):/.test(saved?.key ?? '') && !urlAsks) return saved;
  return fromUrl;
}

async function useRoster(source) {
  setRosterBusy(true, source);
  try {
    const loaded = await loadRoster(source, showBuildProgress, () => {
      $('roster-status').textContent = `Loading the ${source.label}'s index into the page…`;
    }, showDownloadProgress);
    // Memory lives in the engine: carry it over to the new roster's engine.
    const memory = state.engine?.memorySnapshot();
    state.engine?.free();
    state.engine = loaded.engine;
    if (memory) state.engine.restoreMemory(memory);
    const { text, ...remembered } = source; // the file text is in the snapshot; do not keep it twice
    await store.set('roster:current', remembered);
    showRosterLoaded(source, loaded);
    return true;
  } catch (error) {
    showRosterError(messageOf(error));
    $('roster-status').textContent = state.engine ? `Still using the previous roster (${state.engine.size.toLocaleString('en-US')} talents).` : 'No roster loaded.';
    return false;
  } finally {
    setRosterBusy(false);
  }
}

function setRosterBusy(busy, source) {
  $('roster-progress-wrap').hidden = !busy;
  for (const control of $('roster-form', HTMLFormElement).elements) /** @type {HTMLInputElement} */ (control).disabled = busy;
  if (busy) {
    $('roster-progress', HTMLProgressElement).value = 0;
    $('roster-progress-text').textContent = '';
    $('roster-status').textContent = `Preparing the ${source.label}…`;
  }
}

function showBuildProgress(done, total) {
  const percent = total ? Math.round((done / total) * 100) : 0;
  $('roster-progress-label').textContent = 'Building the index';
  $('roster-progress', HTMLProgressElement).value = percent;
  $('roster-progress-text').textContent = `${percent}% indexed and read`;
}

/** @param {number} received @param {number} total */
function showDownloadProgress(received, total) {
  const mb = (/** @type {number} */ bytes) => (bytes / 1e6).toFixed(1);
  $('roster-progress-label').textContent = 'Downloading the prebuilt roster';
  $('roster-progress', HTMLProgressElement).value = total ? Math.round((received / total) * 100) : 0;
  $('roster-progress-text').textContent = `${mb(received)} of ${mb(total)} MB`;
}

/** @param {Source} source @param {Loaded} loaded */
function showRosterLoaded(source, loaded) {
  const size = state.engine.size.toLocaleString('en-US');
  const how = loaded.fromCache
    ? `restored from this browser's cache in ${Math.round(loaded.restoreMs)} ms`
    : loaded.prebuilt
      ? `prebuilt index downloaded in ${(loaded.downloadMs / 1000).toFixed(1)} s, loaded in ${Math.round(loaded.restoreMs)} ms`
      : `index built in a worker in ${(loaded.buildMs / 1000).toFixed(1)} s (longest frame ${loaded.longestFrameGapMs} ms)`;
  const meaning = state.engine.semantic ? 'ranks by meaning too' : 'ranks by fields only (no text model)';
  const status = $('roster-status');
  status.textContent = `${size} talents · ${source.label} · ${how} · ${meaning}`;
  Object.assign(status.dataset, {
    size: state.engine.size,
    semantic: state.engine.semantic,
    workerBuildMs: Math.round(loaded.workerBuildMs ?? 0), // a restore from the cache has no build
    fromCache: loaded.fromCache,
    prebuilt: Boolean(loaded.prebuilt),
    downloadMs: Math.round(loaded.downloadMs ?? 0),
    buildMs: Math.round(loaded.buildMs ?? 0),
    restoreMs: Math.round(loaded.restoreMs),
    longestFrameGapMs: loaded.longestFrameGapMs ?? 0,
  });
  $('roster-error').hidden = true;
  const errors = loaded.importErrors;
  const skipped = new Set(errors.map((e) => /^(line \d+|\[\d+\])/.exec(e)?.[1] ?? e)).size;
  showList($('import-errors'), errors, `${skipped} row${skipped === 1 ? '' : 's'} skipped (lenient import): ${plural(errors.length, 'problem')}`);
  showList($('import-notices'), loaded.importNotices, `How the file was read (${plural(loaded.importNotices.length, 'note')})`);
  $('import-notices', HTMLDetailsElement).open = loaded.importNotices.length > 0 && !loaded.fromCache;
}

const plural = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Fills a `<details>` list; hidden when there is nothing to say. */
function showList(box, items, summary) {
  box.hidden = items.length === 0;
  box.querySelector('summary').textContent = summary;
  box.querySelector('ul').replaceChildren(...items.map((item) => h('li', {}, item)));
}

/** A refusal: one line, or a strict import's "N problems:" followed by each, one a line. */
function showRosterError(message) {
  const box = $('roster-error');
  box.hidden = false;
  const [first, ...rest] = String(message).split('\n');
  const list = rest.length ? h('ul', { class: 'roster-error-list' }, rest.map((line) => h('li', {}, line))) : null;
  const hint = rest.length && !$('roster-lenient', HTMLInputElement).checked ? h('p', {}, 'Fix these in the file, or tick “Skip bad rows” to load the other rows now.') : null;
  box.replaceChildren(h('strong', {}, 'The roster could not be loaded: '), first, list, hint);
}

async function onRosterFile(event) {
  event.preventDefault();
  const file = $('roster-file', HTMLInputElement).files[0];
  const pasted = $('roster-paste-text', HTMLTextAreaElement).value;
  const lenient = $('roster-lenient', HTMLInputElement).checked;
  if (!file && !pasted.trim()) return showRosterError('choose a CSV or JSON file, or paste rows from a spreadsheet, first.');
  $('roster-error').hidden = true;
  // Rows pasted just now win over a file chosen earlier.
  const source = pasted.trim() ? pasteSource(pasted, lenient) : await fileSource(file, lenient);
  if (await useRoster(source)) {
    $('roster-paste-text', HTMLTextAreaElement).value = '';
    await rosterChanged();
  }
}

// ---- roles --------------------------------------------------------------------------------

const FIRST_ROLE = { project: 'My project', role: 'Lead' };

/** The open project and role, as the engine's memory has them. */
function openedRole() {
  const { project, role } = state.engine.memory();
  return { project, role };
}

const roleKey = ({ project, role }) => `${project} / ${role}`;

/** The picker lists the engine's roles grouped by project. */
function renderRoles() {
  const roles = state.engine.roles().map(({ project, name, shortlisted }) => ({ project, name, shortlisted }));
  const current = openedRole();
  // The open role is missing after importing a memory that lacks it: list it all the same.
  if (!roles.some((r) => r.project === current.project && r.name === current.role)) roles.push({ project: current.project, name: current.role, shortlisted: 0 });
  const groups = new Map();
  for (const r of roles) {
    if (!groups.has(r.project)) groups.set(r.project, []);
    const selected = r.project === current.project && r.name === current.role;
    const counts = r.shortlisted ? ` (${r.shortlisted} shortlisted)` : '';
    groups.get(r.project).push(h('option', { value: JSON.stringify([r.project, r.name]), selected }, `${r.name}${counts}`));
  }
  $('role-select').replaceChildren(...[...groups].map(([label, options]) => h('optgroup', { label }, options)));
}

async function openRole(project, role) {
  await saveTranscript();
  state.engine.openProject(project);
  state.engine.openRole(role);
  state.role = roleKey({ project, role });
  await loadTranscript();
  await saveMemory();
  renderRoles();
}

async function onNewRole(event) {
  event.preventDefault();
  const project = $('project-name', HTMLInputElement).value.trim() || openedRole().project;
  const role = $('role-name', HTMLInputElement).value.trim();
  if (!role) return;
  $('role-name', HTMLInputElement).value = '';
  event.target.querySelector('details').open = false;
  await openRole(project, role);
  $('composer-input').focus();
}

// ---- session: memory and transcript ---------------------------------------------------------

/** Memory (roles, shortlists, preferences, the open role) from IndexedDB, then its transcript. */
async function restoreSession() {
  const memory = await store.get('memory').catch(() => undefined);
  let restored = false;
  if (memory) {
    try {
      state.engine.restoreMemory(memory);
      restored = true;
    } catch (error) {
      appendTurn({ who: 'system', text: `Saved memory could not be restored: ${messageOf(error)}` });
    }
  }
  if (!restored) {
    state.engine.openProject(FIRST_ROLE.project);
    state.engine.openRole(FIRST_ROLE.role);
  }
  state.role = roleKey(openedRole());
  renderRoles();
  await loadTranscript();
}

/** The open role's log and standing brief. The engine's brief wins; the saved one backs it up. */
async function loadTranscript() {
  const saved = (await store.get(`chat:role:${state.role}`).catch(() => undefined)) ?? {};
  state.turns = saved.turns ?? [];
  state.history = saved.history ?? [];
  state.seen = saved.seen ?? {};
  state.matches = []; // another role's cards: nothing to compare the new ranking with
  state.decided = 0;
  $('chat-log').replaceChildren(...state.turns.map(turnElement));
  if (!state.turns.length) appendTurn({ who: 'system', text: `Role “${state.role}”. Describe who you are looking for.` }, false);
  const engineBrief = state.engine.memory().brief;
  const brief = hasAny(engineBrief) ? engineBrief : saved.requirements ?? {};
  if (!hasAny(engineBrief) && hasAny(brief)) {
    showOutcome(state.engine.setRequirements(brief, RESULTS_SHOWN));
  } else {
    state.requirements = brief;
    await refreshResults();
  }
}

/** Whether a requirements object constrains anything. @param {RequirementsInput} requirements */
function hasAny(requirements) {
  return Object.values(requirements).some((v) => (Array.isArray(v) ? v.length : v !== null && v !== undefined && v !== false));
}

async function saveTranscript() {
  const { turns, history, requirements, seen } = state;
  await store.set(`chat:role:${state.role}`, { turns, history: history.slice(-HISTORY_MESSAGES), requirements, seen });
}

async function saveMemory() {
  await store.set('memory', state.engine.memorySnapshot());
  renderMemoryPanel();
}

function renderMemoryPanel() {
  const memory = state.engine.memory();
  const candidates = candidatesOf(memory);
  // Remembered names first: a talent decided on another roster is not on this one.
  const nameOf = (id) => candidates.get(id)?.name ?? state.engine.get(id)?.name;
  renderMemory($('memory-panel'), memory, { nameOf, onForget, onRemove });
  renderAuditions($('auditions-panel'), memory, { nameOf: (id) => nameOf(id) ?? id, onAddSlot, onRemoveSlot, onInvite, onStatus });
  decorate(candidates);
  $('undo', HTMLButtonElement).disabled = !memory.can_undo;
  for (const id of ['shortlist-print', 'shortlist-csv', 'shortlist-share']) $(id, HTMLButtonElement).disabled = !memory.shortlist.length;
  showShortlistCount(memory.shortlist.length);
  return memory;
}

/** Notes, tags and Compare on the cards on screen. @param {Map<string, any>} candidates */
function decorate(candidates) {
  decorateCards($('results'), candidates, new Set(state.comparing.keys()), { onAnnotate, onCompare });
}

// ---- conversation -------------------------------------------------------------------------

async function onSubmit(event) {
  event.preventDefault();
  const input = $('composer-input', HTMLTextAreaElement);
  const text = input.value.trim();
  if (!text || state.busy) return;
  input.value = '';
  if (!state.ready) {
    // Kept, shown, and answered as soon as the roster is ready: never an error.
    state.waiting.push(text);
    appendTurn({ who: 'director', text }, false).dataset.waiting = 'true';
    $('composer-status').textContent = `Loading the roster: ${state.waiting.length === 1 ? 'your brief is' : `${state.waiting.length} briefs are`} answered as soon as it is ready.`;
    return;
  }
  await runTurn(text);
}

/** One turn, with the composer busy meanwhile. */
async function runTurn(text) {
  const input = $('composer-input');
  state.busy = true;
  $('send', HTMLButtonElement).disabled = true;
  // Busy until the turn's decisions are saved and the memory panel shows them.
  $('composer').setAttribute('aria-busy', 'true');
  try {
    await turn(text);
  } finally {
    state.busy = false;
    $('composer').removeAttribute('aria-busy');
    $('send', HTMLButtonElement).disabled = false;
    // On a phone the keyboard would cover the results just scrolled in: no focus there.
    if (!onPhone()) input.focus({ preventScroll: true });
  }
}

async function turn(text) {
  appendTurn({ who: 'director', text });
  /** @type {Answer} */
  let outcome;
  try {
    outcome = timed(() => say(text));
  } catch (error) {
    appendTurn({ who: 'system', text: messageOf(error) });
    return;
  }
  if (outcome.listing) {
    // "show me more", "why is Kabir not in the list?": the brief and the cards stay.
    const reply = outcome.listing === 'more' ? showMore() : explainAbsence(outcome.listing.why_not);
    appendTurn({ who: 'castmatch', text: reply });
    await saveTranscript();
    return;
  }
  if (outcome.undone) {
    // "undo", "undo that reject": decisions taken back; the cards stay where they are.
    appendTurn({ who: 'castmatch', text: outcome.reply });
    await afterDecision(outcome.undone.length);
    await saveTranscript();
    return;
  }
  showOutcome(outcome);
  if (outcome.new_role) appendTurn({ who: 'system', text: 'That sounds like a new role: the brief started afresh. Use “New role” to keep each role’s shortlist apart.' });
  if (claudeAvailable()) await claudeTurn(text, outcome);
  else appendTurn({ who: 'castmatch', text: outcome.reply, note: noteOf(outcome) });
  // After the reply is in the log: on a phone the results sit below it.
  if (state.matches.length) resultsChanged($('match-count').textContent.replace(/^\(|\)$/g, ''));
  await saveTranscript();
  await saveMemory();
}

/** The engine's turn: parse the text into the standing brief and rank the roster. */
function say(text) {
  return state.engine.say(text, RESULTS_SHOWN);
}

/**
 * Runs `work`, shows how long the engine took, and records it for the e2e tests.
 * @template T
 * @param {() => T} work
 * @returns {T}
 */
function timed(work) {
  const started = performance.now();
  const result = work();
  const ms = performance.now() - started;
  const line = $('turn-timing');
  line.textContent = `parsed + ranked ${state.engine.size.toLocaleString('en-US')} talents in ${ms.toFixed(1)} ms`;
  line.dataset.ms = ms.toFixed(2);
  line.dataset.size = String(state.engine.size);
  return result;
}

/** @param {Answer} outcome */
function noteOf(outcome) {
  const parts = [];
  if (outcome.changes.length) parts.push(`changed: ${outcome.changes.map(changeText).join('; ')}`);
  if (outcome.readings.length) parts.push(`read: ${outcome.readings.map(readingText).join('; ')}`);
  if (outcome.unrecognised.length) parts.push(`ranked by meaning: ${outcome.unrecognised.join(', ')}`);
  return parts.join(' · ');
}

/** A change as "age 25-32 → 30-37". @param {Change} change */
function changeText(change) {
  return `${change.field.replace(/_/g, ' ')} ${change.before} → ${change.after}`;
}

/** Shows an answer: chips, cards, count. @param {Answer} outcome */
function showOutcome(outcome) {
  state.requirements = outcome.requirements;
  showRanking(outcome.matches.slice(0, RESULTS_SHOWN));
  renderReadings($('readings'), outcome.readings);
  renderBrief(outcome.matching);
}

/** New cards in place of the old; after decisions, says what the re-ranking changed. @param {Match[]} matches */
function showRanking(matches) {
  const before = state.matches.map((m) => m.id);
  state.matches = matches;
  state.view = freshView(state.view.sort); // filters name values of the old results
  const line = $('rank-change');
  if (state.decided && before.length) {
    const after = new Set(matches.map((m) => m.id));
    const gone = before.filter((id) => !after.has(id)).length;
    const fresh = matches.filter((m) => !before.includes(m.id)).length;
    const moved = matches.filter((m, i) => before.includes(m.id) && before.indexOf(m.id) !== i).length;
    line.textContent = `Re-ranked with your ${plural(state.decided, 'decision')}: ${gone} no longer shown, ${fresh} new, ${moved} moved.`;
    line.hidden = false;
  } else {
    line.hidden = true;
  }
  state.decided = 0;
  $('refresh-ranking').hidden = true;
}

/** @param {number} [matching] how many meet the brief, when the answer said */
function renderBrief(matching) {
  renderChips($('chips'), state.requirements, onRemoveChip);
  renderMemoryPanel();
  state.matching = hasAny(state.requirements) ? matching ?? safeCount(state.requirements) : null;
  renderList();
  if (!hasAny(state.requirements)) {
    $('results').replaceChildren(h('li', { class: 'empty-brief' }, 'Describe the role in the chat (who, age, languages, skills, city) and the matches appear here.'));
  }
}

/** The shown cards as the director sorts and narrows them, the count, and "Show more". */
function renderList() {
  const shown = arrange(state.matches, state.view);
  const memory = state.engine.memory();
  renderResults($('results'), shown, marksOf(memory), onFeedback);
  decorate(candidatesOf(memory));
  renderTools($('results-tools'), state.matches, state.view, (view) => {
    state.view = view;
    renderList();
  });
  const total = state.matching;
  const count = $('match-count');
  const filtered = shown.length !== state.matches.length ? `${shown.length} after filters, ` : '';
  count.textContent = total === null ? '' : `(${filtered}${state.matches.length} shown of ${total.toLocaleString('en-US')} meeting the brief)`;
  const more = $('show-more', HTMLButtonElement);
  const left = total === null ? 0 : total - state.matches.length;
  more.hidden = left <= 0 || !state.matches.length;
  more.textContent = `Show ${Math.min(left, RESULTS_SHOWN)} more`;
  if (state.matches.length && !shown.length) {
    $('results').replaceChildren(h('li', { class: 'empty-brief' }, 'No shown result passes these filters: clear one, or show more.'));
  }
}

/**
 * The next page of the same ranking below the cards on screen, which keep their places: the
 * engine ranks one page deeper and the talents not yet shown are added. Returns the reply.
 */
function showMore() {
  if (!hasAny(state.requirements)) return 'There is no list yet: describe the role first.';
  const shown = new Set(state.matches.map((m) => m.id));
  const ranked = state.engine.search(state.requirements, state.matches.length + RESULTS_SHOWN);
  const next = ranked.filter((m) => !shown.has(m.id)).slice(0, RESULTS_SHOWN);
  if (!next.length) return `That is everyone: all ${state.matches.length.toLocaleString('en-US')} meeting the brief are shown.`;
  const first = state.matches.length + 1;
  state.matches = [...state.matches, ...next];
  renderList();
  const card = /** @type {HTMLElement | null} */ ($('results').querySelector(`[data-rank="${first}"]`));
  card?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  const total = state.matching ?? state.matches.length;
  return `Showing ${first}–${state.matches.length} of ${total.toLocaleString('en-US')}; the cards above stay as they were.`;
}

/** The reply to "why is <name> not in the list?". @param {{name: string, found: number, talents: import('../../pkg-web/castmatch.js').Absent[]}} question */
function explainAbsence(question) {
  return whyNot(question, {
    talent: (id) => state.engine.get(id),
    rank: () => state.engine.search(state.requirements, RANK_DEPTH),
    requirements: /** @type {Requirements} */ (state.requirements),
    matching: state.matching,
    shown: state.matches,
    rejected: marksOf(state.engine.memory()).rejected,
  });
}

/** The "Show more" button: the same as typing "show me more". */
async function onShowMore() {
  if (state.busy || !state.ready) return;
  const reply = showMore();
  appendTurn({ who: 'castmatch', text: reply });
  await saveTranscript();
}

const marksOf = (memory) => ({ shortlisted: idsOf(memory.shortlist), rejected: idsOf(memory.rejected) });

function safeCount(requirements) {
  try {
    return state.engine.countMatching(requirements);
  } catch {
    return null;
  }
}

async function refreshResults() {
  // An empty brief lists no one: the engine would rank the roster at random.
  // As deep as the director has paged: a re-rank does not take back "show more".
  const depth = Math.max(RESULTS_SHOWN, state.matches.length);
  showRanking(hasAny(state.requirements) ? state.engine.search(state.requirements, depth) : []);
  renderBrief();
}

async function onRemoveChip(requirements) {
  showOutcome(timed(() => state.engine.setRequirements(requirements, RESULTS_SHOWN)));
  await saveTranscript();
  await saveMemory();
  $('composer-input').focus(); // the removed chip's button is gone; keep focus somewhere useful
}

/** Drops the standing brief of this role (memory and shortlists stay). */
async function onClearBrief() {
  state.engine.resetConversation();
  state.requirements = {};
  state.history = [];
  appendTurn({ who: 'system', text: 'Fresh brief: the requirements are cleared; shortlists and preferences stay.' });
  await refreshResults();
  await saveTranscript();
  await saveMemory();
  $('composer-input').focus();
}

// ---- Claude -------------------------------------------------------------------------------

async function claudeTurn(text, local) {
  const bubble = appendTurn({ who: 'claude', text: '' });
  const paragraph = bubble.querySelector('.turn-text');
  let pieces = 0;
  bubble.setAttribute('aria-busy', 'true');
  try {
    const answer = await claude.converse({
      model: state.claude.models[0],
      system: systemPrompt(local.requirements),
      tool: state.engine.searchToolSchema(),
      history: [...state.history, { role: 'user', content: text }],
      onText: (piece) => {
        paragraph.textContent += piece;
        bubble.dataset.pieces = String(++pieces);
      },
      runTool: searchForClaude,
    });
    state.history.push({ role: 'user', content: text }, { role: 'assistant', content: answer || '(no text)' });
    finishTurn(bubble, answer);
  } catch (error) {
    if (error instanceof claude.ClaudeUnavailable) showMode({ claude: 'offline', models: [] });
    const why = error instanceof claude.ClaudeUnavailable ? 'Claude is offline' : `Claude failed (${messageOf(error)})`;
    paragraph.textContent = local.reply;
    finishTurn(bubble, local.reply, `${why}; this is the built-in reply.`);
  } finally {
    bubble.removeAttribute('aria-busy');
  }
}

function finishTurn(bubble, text, note = undefined) {
  const record = { who: /** @type {Turn['who']} */ (bubble.dataset.who), text, note };
  state.turns.push(record);
  if (note) bubble.append(h('p', { class: 'turn-note' }, note));
}

/** Claude's `search_talent` call, answered in wasm. Only compact results go back to Claude. */
function searchForClaude(input) {
  // The engine validates Claude's input and makes it the standing brief (chips follow).
  const found = timed(() => state.engine.toolSearch(input));
  showOutcome(found);
  document.body.dataset.toolCalls = String(Number(document.body.dataset.toolCalls ?? 0) + 1);
  return {
    requirements: found.requirements,
    total_matching: found.matching,
    matches: found.matches.slice(0, RESULTS_FOR_CLAUDE).map((m) => ({
      id: m.id,
      name: m.name,
      fit: m.fit,
      concerns: m.concerns,
      age: m.talent.age,
      city: m.talent.city,
      reasons: m.reasons,
    })),
  };
}

function systemPrompt(requirements) {
  return [
    'You are CastMatch, a casting assistant for film, TV and ad casting directors in India.',
    'The talent roster lives in the director’s browser. Search it only with the search_talent tool, passing the complete requirements of the role (not just the change), and recommend only talent the tool returned.',
    `The built-in parser reads the standing brief as: ${JSON.stringify(requirements)}. Correct it where the director meant something else.`,
    'Reply in a few short sentences: how many match, the best two or three by name with the reasons, and one useful question or refinement.',
  ].join('\n');
}

// ---- feedback and memory --------------------------------------------------------------------

/**
 * A Shortlist or Reject click. Pressed again it takes the decision back. The cards stay where
 * they are (a decision never reshuffles the screen); the ranking takes decisions in on the
 * next message or on “Re-rank”.
 */
async function onFeedback(id, kind) {
  const name = state.engine.get(id)?.name ?? id;
  const marks = marksOf(state.engine.memory());
  const already = kind === 'shortlist' ? marks.shortlisted.has(id) : marks.rejected.has(id);
  try {
    if (already) state.engine.withdraw(id);
    else state.engine.feedback(id, kind);
  } catch (error) {
    appendTurn({ who: 'system', text: messageOf(error) });
    return;
  }
  if (kind === 'shortlist' && !already) rememberSeen(id);
  const list = kind === 'shortlist' ? 'shortlist' : 'rejected list';
  const text = already
    ? `Took ${name} off the ${list}.`
    : kind === 'shortlist'
      ? `Shortlisted ${name}.`
      : `Rejected ${name}; hidden for this role from the next ranking.`;
  appendTurn({ who: 'system', text: `${text} (Undo takes it back.)` });
  await afterDecision(1);
  await saveTranscript();
}

/** After decisions: marks on the cards in place, memory saved, Re-rank offered. */
async function afterDecision(count) {
  state.decided += count;
  markResults($('results'), marksOf(state.engine.memory()));
  $('refresh-ranking').hidden = !state.decided || !state.matches.length;
  await saveMemory();
}

/** The Undo button: the engine's own "undo" turn, so the button and the chat say the same. */
async function onUndo() {
  const outcome = state.engine.say('undo', RESULTS_SHOWN);
  appendTurn({ who: 'castmatch', text: outcome.reply });
  await afterDecision(outcome.undone?.length ?? 0);
  await saveTranscript();
}

/** Remove in the memory panel: the talent leaves the shortlist or the rejected list. */
async function onRemove(id) {
  const name = state.engine.get(id)?.name ?? id;
  try {
    const record = state.engine.withdraw(id);
    appendTurn({ who: 'system', text: `Took ${name} off the ${record.decision === 'reject' ? 'rejected list' : 'shortlist'}. (Undo takes it back.)` });
  } catch (error) {
    appendTurn({ who: 'system', text: messageOf(error) });
    return;
  }
  await afterDecision(1);
  await saveTranscript();
}

async function onRemember(event) {
  event.preventDefault();
  const input = $('remember-input', HTMLInputElement);
  const text = input.value.trim();
  if (!text) return;
  try {
    state.engine.remember(text);
    input.value = '';
    await refreshResults();
    await saveMemory();
  } catch (error) {
    appendTurn({ who: 'system', text: messageOf(error) });
  }
}

async function onForget(preferenceId) {
  state.engine.forget(preferenceId);
  await refreshResults();
  await saveMemory();
  $('remember-input').focus();
}

/** Downloads this director's whole memory as JSON (written in the worker). */
async function onExportMemory() {
  const { director } = state.engine.memory();
  const json = await writeMemoryExport(state.engine.memorySnapshot(), director);
  download(`castmatch-memory-${director.replace(/[^\w-]+/g, '-')}.json`, json, 'application/json');
}

/** Reads an exported memory; a bad file is named with its reason and nothing changes. */
async function onImportMemory(event) {
  event.preventDefault();
  const file = $('memory-file', HTMLInputElement).files[0];
  const box = $('memory-error');
  box.hidden = true;
  if (!file) return showMemoryError('choose an exported memory (.json) first.');
  try {
    state.engine.importMemory(await readMemoryExport(await file.text()));
  } catch (error) {
    return showMemoryError(`${file.name}: ${messageOf(error)}`);
  }
  renderRoles();
  await refreshResults();
  await saveMemory();
}

// ---- candidates: notes, tags, comparison, auditions -----------------------------------------

/** Saves the note and tags of a card; kept in memory and its export. */
async function onAnnotate(id, note, tags) {
  try {
    state.engine.annotate(id, note, tags);
  } catch (error) {
    appendTurn({ who: 'system', text: messageOf(error) });
    return;
  }
  /** @type {HTMLElement} */ (document.activeElement)?.blur?.(); // the editor is redrawn with the saved note
  await saveMemory();
}

/** A Compare box: at most COMPARE_MAX ticked; the button opens the comparison from two. */
function onCompare(id, on) {
  if (on && state.comparing.size >= COMPARE_MAX) {
    appendTurn({ who: 'system', text: `Compare takes up to ${COMPARE_MAX} candidates: untick one first.` });
  } else if (on) {
    const match = state.matches.find((m) => m.id === id);
    if (match) state.comparing.set(id, match);
  } else {
    state.comparing.delete(id);
  }
  showCompareButton();
  decorate(candidatesOf(state.engine.memory()));
}

function showCompareButton() {
  const button = $('compare-open', HTMLButtonElement);
  button.textContent = `Compare (${state.comparing.size})`;
  button.disabled = state.comparing.size < 2;
}

function openComparison() {
  const dialog = $('compare-dialog', HTMLDialogElement);
  const draw = () => {
    if (state.comparing.size === 0) return dialog.close();
    renderComparison($('compare-view'), [...state.comparing.values()], candidatesOf(state.engine.memory()), (id) => {
      state.comparing.delete(id);
      showCompareButton();
      decorate(candidatesOf(state.engine.memory()));
      draw();
    });
  };
  draw();
  if (!dialog.open) dialog.showModal();
}

/** Runs an auditions change; a refusal is shown beside the auditions, not lost in the chat. */
async function audition(change) {
  const box = $('auditions-error');
  try {
    change();
    box.hidden = true;
  } catch (error) {
    box.hidden = false;
    box.textContent = messageOf(error);
    return;
  }
  await saveMemory();
}

const onAddSlot = (date, time, place) => audition(() => state.engine.addSlot(date, time, place));
const onRemoveSlot = (id) => audition(() => state.engine.removeSlot(id));
const onInvite = (talentId, slot) => audition(() => state.engine.invite(talentId, slot));
const onStatus = (talentId, status) => audition(() => state.engine.setInvitation(talentId, status));

// ---- the shortlist as a deliverable: print / PDF, CSV, share file ---------------------------

/** Keeps the card's fit and reasons as shortlisted: the deliverable's words after a roster change. */
function rememberSeen(id) {
  const match = state.matches.find((m) => m.id === id);
  if (match) state.seen[id] = { fit: match.fit ?? null, reasons: match.reasons, concerns: match.concerns };
}

/** The open role's shortlist as a document, ranked against its brief now. */
function currentShortlist() {
  const memory = state.engine.memory();
  let ranked = [];
  if (memory.shortlist.length && hasAny(state.requirements)) {
    try {
      ranked = state.engine.search(state.requirements, RANK_DEPTH);
    } catch {
      ranked = []; // a brief the engine refuses: the cards as shortlisted stand in
    }
  }
  const seen = new Map(Object.entries(state.seen));
  return buildShortlist({ memory, requirements: state.requirements, ranked, seen, talent: (id) => state.engine.get(id), now: new Date() });
}

/** @type {HTMLElement | null} where focus goes back to when the view closes */
let openedFrom = null;

/**
 * Shows a shortlist in place of the casting page, print-ready; a shared one read-only.
 * @param {import('./deliverable.js').Shortlist} shortlist @param {boolean} shared
 */
function showDeliverable(shortlist, shared) {
  const view = $('deliverable');
  openedFrom = /** @type {HTMLElement | null} */ (document.activeElement);
  renderShortlist(view, shortlist, {
    shared,
    onPrint: printDeliverable,
    onCsv: () => downloadCsv(shortlist),
    onShare: shared ? undefined : () => downloadShareFile(shortlist),
    onClose: closeDeliverable,
  });
  view.hidden = false;
  document.body.dataset.view = shared ? 'shared' : 'deliverable';
  window.scrollTo({ top: 0, behavior: 'instant' });
  /** @type {HTMLElement} */ (view.querySelector('.deliverable-print')).focus();
}

function closeDeliverable() {
  $('deliverable').hidden = true;
  delete document.body.dataset.view;
  openedFrom?.focus();
}

/** The browser's print dialog (its "Save as PDF" is the PDF path), once the headshots are in. */
async function printDeliverable() {
  await imagesSettled($('deliverable'));
  window.print();
}

/** @param {import('./deliverable.js').Shortlist} shortlist */
function downloadCsv(shortlist) {
  download(`${fileStem(shortlist)}.csv`, shortlistCsv(shortlist), 'text/csv;charset=utf-8');
}

/** @param {import('./deliverable.js').Shortlist} shortlist */
function downloadShareFile(shortlist) {
  download(`${fileStem(shortlist)}.json`, `${JSON.stringify(shortlist, null, 2)}\n`, 'application/json');
}

async function onPrintShortlist() {
  showDeliverable(currentShortlist(), false);
  await printDeliverable();
}

/** "Open a shared shortlist": read, checked, shown read-only; a bad file is named, never blank. */
async function onOpenShared() {
  const input = $('shared-file', HTMLInputElement);
  const file = input.files[0];
  const box = $('shared-error');
  box.hidden = true;
  if (!file) return;
  try {
    if (file.size > SHARED_FILE_MAX_BYTES) throw new Error(`${(file.size / 1e6).toFixed(1)} MB is too large for a shortlist`);
    showDeliverable(readShortlist(await file.text()), true);
  } catch (error) {
    box.hidden = false;
    box.replaceChildren(h('strong', {}, 'The shared shortlist could not be opened: '), `${file.name}: ${messageOf(error)}`);
  } finally {
    input.value = ''; // the same file chosen again opens again
  }
}

function showMemoryError(message) {
  const box = $('memory-error');
  box.hidden = false;
  box.replaceChildren(h('strong', {}, 'The memory was not imported: '), message);
}

// ---- the log --------------------------------------------------------------------------------

const SPEAKERS = { director: 'You', castmatch: 'CastMatch', claude: 'Claude', system: 'Note' };

function appendTurn(record, keep = true) {
  if (keep && record.who !== 'claude') state.turns.push(record);
  const element = turnElement(record);
  const log = $('chat-log');
  log.append(element);
  // The log scrolls, not the page: on a phone the page may be showing the results.
  log.scrollTop = log.scrollHeight;
  return element;
}

function turnElement({ who, text, note }) {
  return h(
    'li',
    { class: `turn turn-${who}`, dataset: { who } },
    h('span', { class: 'turn-who' }, SPEAKERS[who] ?? who),
    h('p', { class: 'turn-text' }, text),
    note ? h('p', { class: 'turn-note' }, note) : null,
  );
}

// ---- wiring ---------------------------------------------------------------------------------

function wireForms() {
  wirePhoneTabs();
  $('composer').addEventListener('submit', onSubmit);
  $('composer-input').addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter breaks the line, as in every chat.
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('composer', HTMLFormElement).requestSubmit();
    }
  });
  $('roster-form').addEventListener('submit', onRosterFile);
  $('roster-synthetic').addEventListener('click', async () => {
    if (await useRoster(syntheticSource())) await rosterChanged();
  });
  $('role-form').addEventListener('submit', onNewRole);
  $('role-select', HTMLSelectElement).addEventListener('change', ({ target }) => {
    const [project, role] = JSON.parse(/** @type {HTMLSelectElement} */ (target).value);
    openRole(project, role);
  });
  $('remember-form').addEventListener('submit', onRemember);
  $('memory-transfer').addEventListener('submit', onImportMemory);
  $('memory-export').addEventListener('click', onExportMemory);
  $('clear-brief').addEventListener('click', onClearBrief);
  $('undo').addEventListener('click', onUndo);
  $('refresh-ranking').addEventListener('click', refreshResults);
  $('show-more').addEventListener('click', onShowMore);
  $('compare-open').addEventListener('click', openComparison);
  $('compare-close').addEventListener('click', () => $('compare-dialog', HTMLDialogElement).close());
  $('shortlist-print').addEventListener('click', onPrintShortlist);
  $('shortlist-csv').addEventListener('click', () => downloadCsv(currentShortlist()));
  $('shortlist-share').addEventListener('click', () => downloadShareFile(currentShortlist()));
  $('shared-file').addEventListener('change', onOpenShared);
  document.addEventListener('keydown', (event) => {
    // Escape leaves the shortlist view, as it leaves the comparison (whose dialog takes it first).
    if (event.key === 'Escape' && document.body.dataset.view && !$('compare-dialog', HTMLDialogElement).open) closeDeliverable();
  });
}
