// Result cards: who the talent is (headshot or initials, playing age, rate and dates, contacts,
// the roster's extra columns), why they match (the engine's reasons), and the shortlist /
// reject buttons that feed the engine's memory. Contacts and extras are shown, never searched.
import { h, titleCase } from './dom.js';

/** @typedef {import('../../pkg-web/castmatch.js').Match} Match */
/** @typedef {import('../../pkg-web/castmatch.js').Talent} Talent */
/** @typedef {{shortlisted: Set<string>, rejected: Set<string>}} Marks talent ids */
/** @typedef {(id: string, kind: 'shortlist' | 'reject') => void} OnFeedback */

/** Below this age a performer is a minor (the engine's `ADULT_AGE`, India's age of majority). */
const ADULT_AGE = 18;

/**
 * Renders `shown` into `list`, each numbered with its place in the ranking; the buttons call
 * `onFeedback` (pressed again: taken back).
 * @param {HTMLElement} list
 * @param {{match: Match, rank: number}[]} shown
 * @param {Marks} marks
 * @param {OnFeedback} onFeedback
 */
export function renderResults(list, shown, marks, onFeedback) {
  list.replaceChildren(...shown.map(({ match, rank }) => card(match, rank, marks, onFeedback)));
}

/**
 * Updates the cards' shortlist / reject state in place: a decision never moves a card.
 * @param {HTMLElement} list @param {Marks} marks
 */
export function markResults(list, marks) {
  for (const item of /** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll('.result'))) {
    const { id } = item.dataset;
    const shortlisted = marks.shortlisted.has(id);
    const rejected = marks.rejected.has(id);
    item.classList.toggle('is-shortlisted', shortlisted);
    item.classList.toggle('is-rejected', rejected);
    const shortlist = item.querySelector('button.shortlist');
    shortlist.setAttribute('aria-pressed', String(shortlisted));
    shortlist.textContent = shortlisted ? '★ Shortlisted' : '☆ Shortlist';
    const reject = item.querySelector('button.reject');
    reject.setAttribute('aria-pressed', String(rejected));
    reject.textContent = rejected ? '✕ Rejected' : 'Reject';
  }
}

/** @param {Match} match @param {number} rank @param {Marks} marks @param {OnFeedback} onFeedback */
function card(match, rank, marks, onFeedback) {
  const t = match.talent;
  const shortlisted = marks.shortlisted.has(match.id);
  const rejected = marks.rejected.has(match.id);
  const minor = typeof t.age === 'number' && t.age < ADULT_AGE;
  const plays = playingAges(t);
  const details = [
    `${t.age} yrs`,
    plays && `plays ${plays}`,
    t.gender && titleCase(t.gender),
    t.height_cm && `${t.height_cm} cm`,
    t.city && titleCase(t.city),
  ].filter(Boolean);
  const headingId = `talent-${cssId(match.id)}`;
  return h(
    'li',
    {
      class: `result${shortlisted ? ' is-shortlisted' : ''}${rejected ? ' is-rejected' : ''}`,
      dataset: {
        id: match.id,
        rank,
        fit: match.fit,
        minor,
        age: t.age,
        experience: t.experience_years,
        gender: t.gender,
        city: t.city,
        heightCm: t.height_cm,
        languages: t.languages.join('|'),
        skills: t.skills.join('|'),
      },
    },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h(
        'header',
        { class: 'result-head' },
        headshot(t),
        h('h3', { id: headingId }, h('span', { class: 'rank' }, `${rank}.`), ' ', match.name, minor ? h('span', { class: 'minor-badge', title: 'Under 18: needs a guardian’s consent' }, 'Minor') : null),
        h('span', { class: 'score', title: 'fit, 0-100: 100 meets every requirement and plus of the brief' }, h('span', { class: 'visually-hidden' }, 'fit '), `${match.fit ?? Math.round(match.score * 100)}`),
      ),
      h('p', { class: 'result-meta' }, details.join(' · ')),
      tagRow('Languages', t.languages),
      tagRow('Skills', t.skills),
      credits(t),
      terms(t),
      contacts(t),
      extras(t),
      h('ul', { class: 'reasons', 'aria-label': 'Why this match' }, match.reasons.map((r) => h('li', {}, r))),
      match.concerns.length ? h('ul', { class: 'concerns', 'aria-label': 'Against this match' }, match.concerns.map((r) => h('li', {}, r))) : null,
      h(
        'div',
        { class: 'result-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'button shortlist',
            'aria-pressed': String(shortlisted),
            onclick: () => onFeedback(match.id, 'shortlist'),
          },
          shortlisted ? '★ Shortlisted' : '☆ Shortlist',
        ),
        h(
          'button',
          { type: 'button', class: 'button reject', 'aria-pressed': String(rejected), onclick: () => onFeedback(match.id, 'reject') },
          rejected ? '✕ Rejected' : 'Reject',
        ),
      ),
    ),
  );
}

/** The headshot, or the talent's initials when there is none or it fails to load. @param {Talent} t */
function headshot(t) {
  const placeholder = h('span', { class: 'headshot headshot-initials', 'aria-hidden': 'true' }, initials(t.name));
  if (!webAddress(t.photo_url)) return placeholder;
  const image = h('img', {
    class: 'headshot',
    src: t.photo_url,
    alt: `Headshot of ${t.name}`,
    loading: 'lazy',
    decoding: 'async',
    referrerpolicy: 'no-referrer',
    width: 48,
    height: 48,
  });
  image.addEventListener('error', () => image.replaceWith(placeholder), { once: true });
  return image;
}

/** "AR" for "Asha Rao"; letters of any script, one from the first and last word. */
export function initials(name) {
  const words = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = (word) => Array.from(word)[0].toLocaleUpperCase();
  return words.length === 1 ? first(words[0]) : first(words[0]) + first(words.at(-1));
}

/** @param {Talent} t */
function playingAges(t) {
  const low = t.playing_age_min;
  const high = t.playing_age_max;
  if (low === null && high === null) return '';
  if (low !== null && high !== null) return low === high ? `${low}` : `${low}–${high}`;
  return low !== null ? `${low}+` : `up to ${high}`;
}

/** @param {string} label @param {string[]} values */
function tagRow(label, values) {
  if (!values.length) return null;
  return h('p', { class: 'tags' }, h('span', { class: 'tags-label' }, `${label}: `), values.map(titleCase).join(', '));
}

/** @param {Talent} t */
function credits(t) {
  const list = t.credits;
  const experience = t.experience_years ? `${t.experience_years} yrs experience` : '';
  if (!list.length && !experience) return null;
  const shown = list.slice(0, 3).map((c) => `${c.title} (${c.kind}, ${c.year})`);
  const more = list.length > 3 ? ` +${list.length - 3} more` : '';
  return h('p', { class: 'tags' }, h('span', { class: 'tags-label' }, 'Credits: '), [experience, shown.join('; ') + more].filter(Boolean).join(' · '));
}

const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 });
const DAY = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Day rate and days free, as the roster records them. @param {Talent} t */
function terms(t) {
  const day = (iso) => DAY.format(new Date(`${iso}T00:00:00Z`));
  const window =
    t.available_from && t.available_to
      ? `free ${day(t.available_from)} – ${day(t.available_to)}`
      : t.available_from
        ? `free from ${day(t.available_from)}`
        : t.available_to
          ? `free until ${day(t.available_to)}`
          : '';
  const parts = [
    typeof t.day_rate_inr === 'number' && `${RUPEES.format(t.day_rate_inr)} a day`,
    window,
    t.availability && window === '' && t.availability,
  ].filter(Boolean);
  if (!parts.length) return null;
  return h('p', { class: 'tags terms' }, h('span', { class: 'tags-label' }, 'Rate & dates: '), parts.join(' · '));
}

/** Phone, email, agent, Instagram and showreel: links where they are safe ones. @param {Talent} t */
function contacts(t) {
  const items = [];
  if (t.phone) items.push(h('a', { class: 'contact-phone', href: `tel:${t.phone.replace(/[^\d+]/g, '')}` }, t.phone));
  if (t.email) items.push(h('a', { class: 'contact-email', href: `mailto:${t.email}` }, t.email));
  if (t.agent) items.push(h('span', { class: 'contact-agent' }, `Agent: ${t.agent}`));
  const instagram = instagramLink(t.instagram);
  if (instagram) items.push(h('a', { class: 'contact-instagram', href: instagram, target: '_blank', rel: 'noopener noreferrer' }, 'Instagram'));
  else if (t.instagram) items.push(h('span', {}, `Instagram: ${t.instagram}`));
  if (webAddress(t.showreel_url)) {
    items.push(h('a', { class: 'contact-showreel', href: t.showreel_url, target: '_blank', rel: 'noopener noreferrer' }, 'Showreel'));
  }
  if (!items.length) return null;
  const joined = items.flatMap((item, i) => (i ? [' · ', item] : [item]));
  return h('p', { class: 'tags contacts', 'aria-label': 'Contacts' }, ...joined);
}

function instagramLink(value) {
  const text = String(value ?? '').trim();
  if (webAddress(text)) return text;
  const handle = text.replace(/^@/, '');
  return /^[A-Za-z0-9._]{1,30}$/.test(handle) ? `https://www.instagram.com/${handle}/` : null;
}

/** The roster's columns CastMatch has no field for, as the file named them. @param {Talent} t */
function extras(t) {
  const entries = t.extra;
  if (!entries.length) return null;
  return h(
    'details',
    { class: 'extras' },
    h('summary', {}, `More from the roster (${entries.length})`),
    h('dl', {}, entries.flatMap(({ column, value }) => [h('dt', {}, column), h('dd', {}, value)])),
  );
}

function webAddress(value) {
  return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value);
}

function cssId(id) {
  return String(id).replace(/[^\w-]/g, '_');
}
