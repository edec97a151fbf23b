// The shown part of the ranked pool as the director arranges it: sorted by fit (the ranking),
// age or experience, narrowed by quick filters built from what the results hold (gender, city,
// skill). Client-side over the matches the engine returned; the ranking itself never changes here.
import { h, titleCase } from './dom.js';

/** @typedef {import('../../pkg-web/castmatch.js').Match} Match */
/** @typedef {'fit' | 'age-asc' | 'age-desc' | 'experience'} SortKey */
/** @typedef {'gender' | 'city' | 'skill'} FacetKey */
/** @typedef {{sort: SortKey, filters: Partial<Record<FacetKey, string>>}} View */
/** @typedef {{match: Match, rank: number}} Ranked a match and its place in the ranking (1-based) */

export const SORTS = /** @type {const} */ ([
  ['fit', 'Fit (the ranking)'],
  ['age-asc', 'Age, youngest first'],
  ['age-desc', 'Age, oldest first'],
  ['experience', 'Experience, most first'],
]);

/** Chips per facet at most: the commonest values of the results. */
const CHIPS_PER_FACET = { gender: 3, city: 6, skill: 8 };

/** @returns {View} */
export function freshView(sort = /** @type {SortKey} */ ('fit')) {
  return { sort, filters: {} };
}

/** The values of a facet a talent has. @param {Match} m @param {FacetKey} facet @returns {string[]} */
function valuesOf(m, facet) {
  const t = m.talent;
  if (facet === 'gender') return t.gender ? [t.gender] : [];
  if (facet === 'city') return t.city ? [t.city] : [];
  return t.skills;
}

/**
 * The matches to show, in the order to show them, each with its rank in the ranking.
 * @param {Match[]} matches in ranking order
 * @param {View} view
 * @returns {Ranked[]}
 */
export function arrange(matches, view) {
  const filters = Object.entries(view.filters);
  const kept = matches
    .map((match, i) => ({ match, rank: i + 1 }))
    .filter(({ match }) => filters.every(([facet, value]) => valuesOf(match, /** @type {FacetKey} */ (facet)).includes(value)));
  const by = {
    fit: () => 0,
    'age-asc': (/** @type {Ranked} */ a, /** @type {Ranked} */ b) => a.match.talent.age - b.match.talent.age,
    'age-desc': (/** @type {Ranked} */ a, /** @type {Ranked} */ b) => b.match.talent.age - a.match.talent.age,
    experience: (/** @type {Ranked} */ a, /** @type {Ranked} */ b) => b.match.talent.experience_years - a.match.talent.experience_years,
  }[view.sort];
  // Stable: ties keep the ranking's order.
  return kept.sort((a, b) => by(a, b) || a.rank - b.rank);
}

/**
 * Renders the sort menu and the quick-filter chips into `box`; `onChange(view)` on every change.
 * @param {HTMLElement} box
 * @param {Match[]} matches
 * @param {View} view
 * @param {(view: View) => void} onChange
 */
export function renderTools(box, matches, view, onChange) {
  box.hidden = matches.length === 0;
  const select = h(
    'select',
    { id: 'sort-results', 'aria-label': 'Sort the results' },
    SORTS.map(([key, label]) => h('option', { value: key, selected: key === view.sort }, label)),
  );
  select.addEventListener('change', () => onChange({ ...view, sort: /** @type {SortKey} */ (/** @type {HTMLSelectElement} */ (select).value) }));
  const facets = /** @type {FacetKey[]} */ (['gender', 'city', 'skill']).map((facet) => facetChips(facet, matches, view, onChange));
  box.replaceChildren(
    h('label', { class: 'sort-label' }, 'Sort ', select),
    h('div', { class: 'quick-filters', role: 'group', 'aria-label': 'Quick filters over the shown results' }, facets),
  );
}

/** @param {FacetKey} facet @param {Match[]} matches @param {View} view @param {(view: View) => void} onChange */
function facetChips(facet, matches, view, onChange) {
  const counts = new Map();
  for (const m of matches) for (const value of new Set(valuesOf(m, facet))) counts.set(value, (counts.get(value) ?? 0) + 1);
  const chosen = view.filters[facet];
  const common = [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(b[0])).slice(0, CHIPS_PER_FACET[facet]);
  // The chosen value stays offered (to un-choose it) even when it is no longer among the commonest.
  if (chosen && !common.some(([v]) => v === chosen)) common.push([chosen, counts.get(chosen) ?? 0]);
  // A facet every shown talent shares narrows nothing: no chips for it.
  if (common.length < 2 && !chosen) return null;
  return h(
    'div',
    { class: 'facet', dataset: { facet } },
    h('span', { class: 'facet-label' }, `${titleCase(facet)}:`),
    common.map(([value, count]) => {
      const pressed = chosen === value;
      const filters = { ...view.filters };
      if (pressed) delete filters[facet];
      else filters[facet] = value;
      return h(
        'button',
        { type: 'button', class: 'filter-chip', 'aria-pressed': String(pressed), dataset: { facet, value }, onclick: () => onChange({ ...view, filters }) },
        `${titleCase(value)} (${count})`,
      );
    }),
  );
}
