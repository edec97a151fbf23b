// "Why is <name> not in the list?" in words: the engine names the talents meant and the
// constraints each fails (`Listing.why_not`); this writes the answer from the talent's record and
// the brief, or gives the talent's rank when they meet it.
import { titleCase } from './dom.js';

/** @typedef {import('../../pkg-web/castmatch.js').Absent} Absent */
/** @typedef {import('../../pkg-web/castmatch.js').Match} Match */
/** @typedef {import('../../pkg-web/castmatch.js').Requirements} Requirements */
/** @typedef {import('../../pkg-web/castmatch.js').Talent} Talent */

/** How deep the ranking is searched for a talent who meets the brief. */
export const RANK_DEPTH = 500;

const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 });

/**
 * @typedef {{
 *   talent: (id: string) => Talent | undefined,
 *   rank: () => Match[],
 *   requirements: Requirements,
 *   matching: number | null,
 *   shown: Match[],
 *   rejected: Set<string>,
 * }} Context `rank()` ranks the brief `RANK_DEPTH` deep; `shown` are the cards on screen
 */

/**
 * The reply to a "why not" question.
 * @param {{name: string, found: number, talents: Absent[]}} question
 * @param {Context} context
 */
export function whyNot({ name, found, talents }, context) {
  if (!hasBrief(context.requirements)) return 'There is no list yet: describe the role first.';
  if (found === 0) return `No one called “${name}” is on this roster.`;
  let ranked; // ranked once, when someone meets the brief
  const rank = () => (ranked ??= context.rank());
  const answers = talents.map((absent) => {
    const t = context.talent(absent.id);
    if (!t) return '';
    const who = found > 1 ? `${t.name} (${t.id}, ${t.age}, ${titleCase(t.city)})` : t.name;
    return `${who} ${reason(absent, t, context, rank)}`;
  });
  if (found === 1) return answers[0];
  const more = found > talents.length ? ` (the first ${talents.length} here: give the full name)` : '';
  return `${found} people on the roster are called “${name}”${more}. ${answers.join(' ')}`;
}

/** @param {Absent} absent @param {Talent} t @param {Context} context @param {() => Match[]} rank */
function reason(absent, t, context, rank) {
  const failed = [...absent.failed.map((field) => failure(field, t, context.requirements)), ...absent.missing.map((value) => lacking(value, context.requirements))];
  if (failed.length) return `${listed(failed)}.`;
  if (context.rejected.has(t.id)) return 'is on this role’s rejected list: Undo, or remove them in the memory panel, to see them again.';
  const place = context.shown.findIndex((m) => m.id === t.id);
  if (place >= 0) return `is in the list already, at number ${place + 1} (a quick filter may hide them).`;
  const total = context.matching === null ? '' : ` of ${context.matching.toLocaleString('en-US')}`;
  const at = rank().findIndex((m) => m.id === t.id);
  if (at >= 0) return `meets the brief and ranks ${at + 1}${total}: say “more” or press “Show more” to page down to them.`;
  return `meets the brief but is not among the first ${RANK_DEPTH}${total}, or a preference you stated rules them out.`;
}

/** One failed constraint in words. @param {string} field @param {Talent} t @param {Requirements} r */
function failure(field, t, r) {
  switch (field) {
    case 'gender':
      return `is ${t.gender}; the brief asks for ${r.gender}`;
    case 'age': {
      const plays = t.playing_age_min !== null || t.playing_age_max !== null ? ` (plays ${t.playing_age_min ?? t.age}-${t.playing_age_max ?? t.age})` : '';
      return `is ${t.age}${plays}; the brief asks ${range(r.age_min, r.age_max)}`;
    }
    case 'minor':
      return `is ${t.age}, a minor, and the role is for adults (give an age under 18 to include minors)`;
    case 'adult':
      return `is ${t.age}; the role is for minors`;
    case 'height_min_cm':
      return `is ${t.height_cm} cm, under ${r.height_min_cm} cm`;
    case 'height_max_cm':
      return `is ${t.height_cm} cm, over ${r.height_max_cm} cm`;
    case 'cities':
      return `is based in ${titleCase(t.city)}, not ${r.cities.map(titleCase).join(' or ')}`;
    case 'excluded_cities':
      return `is based in ${titleCase(t.city)}, which the brief rules out`;
    case 'day_rate_max_inr':
      return `charges ${RUPEES.format(t.day_rate_inr ?? 0)} a day, over ${RUPEES.format(r.day_rate_max_inr ?? 0)}`;
    case 'available':
      return `is free ${t.available_from ?? '…'} to ${t.available_to ?? '…'}, not all of ${r.available_from ?? r.available_to} to ${r.available_to ?? r.available_from}`;
    default:
      return `fails “${field}”`;
  }
}

/** A required language, skill or kind of skill the talent lacks. @param {string} value @param {Requirements} r */
function lacking(value, r) {
  if (r.skill_groups?.includes(value)) return `lists no ${value} skill`;
  return `${r.languages.includes(value) ? 'does not speak' : 'does not list'} ${titleCase(value)}`;
}

function range(min, max) {
  if (min !== null && max !== null) return `${min}-${max}`;
  return min !== null ? `${min}+` : `up to ${max}`;
}

/** "a", "a and b", "a, b and c". @param {string[]} items */
function listed(items) {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** @param {Requirements} r */
function hasBrief(r) {
  return Object.values(r ?? {}).some((v) => (Array.isArray(v) ? v.length : v !== null && v !== undefined && v !== false));
}
