// Result cards: who the talent is, why they match (the engine's reasons), and the shortlist /
// reject buttons that feed the engine's memory.
import { h, titleCase } from './dom.js';

/**
 * Renders `matches` into `list`. `marks` is `{shortlisted: Set, rejected: Set}` of talent ids;
 * `onFeedback(id, "shortlist"|"reject")` is called by the buttons.
 */
export function renderResults(list, matches, marks, onFeedback) {
  list.replaceChildren(...matches.map((match, rank) => card(match, rank + 1, marks, onFeedback)));
}

function card(match, rank, marks, onFeedback) {
  const t = match.talent ?? {};
  const shortlisted = marks.shortlisted.has(match.id);
  const details = [
    t.age !== undefined && `${t.age} yrs`,
    t.gender && titleCase(t.gender),
    t.height_cm && `${t.height_cm} cm`,
    t.city && titleCase(t.city),
  ].filter(Boolean);
  return h(
    'li',
    {
      class: `result${shortlisted ? ' is-shortlisted' : ''}`,
      dataset: {
        id: match.id,
        age: t.age,
        gender: t.gender,
        city: t.city,
        heightCm: t.height_cm,
        languages: (t.languages ?? []).join('|'),
        skills: (t.skills ?? []).join('|'),
      },
    },
    h(
      'article',
      { 'aria-labelledby': `talent-${cssId(match.id)}` },
      h(
        'header',
        { class: 'result-head' },
        h('h3', { id: `talent-${cssId(match.id)}` }, h('span', { class: 'rank' }, `${rank}.`), ' ', match.name),
        h('span', { class: 'score', title: 'match score' }, h('span', { class: 'visually-hidden' }, 'score '), match.score.toFixed(2)),
      ),
      h('p', { class: 'result-meta' }, details.join(' · ')),
      tagRow('Languages', t.languages),
      tagRow('Skills', t.skills),
      credits(t),
      h('ul', { class: 'reasons', 'aria-label': 'Why this match' }, (match.reasons ?? []).map((r) => h('li', {}, r))),
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
        h('button', { type: 'button', class: 'button reject', onclick: () => onFeedback(match.id, 'reject') }, 'Reject'),
      ),
    ),
  );
}

function tagRow(label, values) {
  if (!values?.length) return null;
  return h('p', { class: 'tags' }, h('span', { class: 'tags-label' }, `${label}: `), values.map(titleCase).join(', '));
}

function credits(t) {
  const list = t.credits ?? [];
  const experience = t.experience_years ? `${t.experience_years} yrs experience` : '';
  if (!list.length && !experience) return null;
  const shown = list.slice(0, 3).map((c) => `${c.title} (${c.kind}, ${c.year})`);
  const more = list.length > 3 ? ` +${list.length - 3} more` : '';
  return h('p', { class: 'tags' }, h('span', { class: 'tags-label' }, 'Credits: '), [experience, shown.join('; ') + more].filter(Boolean).join(' · '));
}

function cssId(id) {
  return String(id).replace(/[^\w-]/g, '_');
}
