// The standing brief as removable chips. Chips are drawn from whatever fields the engine's
// `Requirements` object has (the Rust struct is the one source of truth), so a new field shows
// up here without a change: lists give a chip per value, `x_min`/`x_max` pairs one range chip.
import { h, humanise, titleCase } from './dom.js';

const RANGE_FIELD = /^(.+)_(min|max)(?:_([a-z]+))?$/;
// Generic skills ("a dancer") name a group, not a form: the chip says what the filter holds.
const GROUP_FIELDS = { skill_groups: '', preferred_skill_groups: ' (a plus)' };

/** @typedef {import('../../pkg-web/castmatch.js').RequirementsInput} RequirementsInput */
/** @typedef {import('../../pkg-web/castmatch.js').Interpretation} Interpretation */
/** @typedef {{field: string, label: string, clear: (r: RequirementsInput) => RequirementsInput}} Chip */

/**
 * The chips of `requirements`, each with the brief it leaves when removed.
 * @param {RequirementsInput} requirements
 * @returns {Chip[]}
 */
export function chipsOf(requirements) {
  /** @type {Chip[]} */
  const chips = [];
  const ranges = new Map();
  for (const [field, value] of Object.entries(requirements)) {
    if (value === null || value === undefined || value === false) continue;
    const range = field.match(RANGE_FIELD);
    if (range && typeof value === 'number') {
      const key = `${range[1]}|${range[3] ?? ''}`;
      const entry = ranges.get(key) ?? { base: range[1], unit: range[3] ?? '', fields: {} };
      entry.fields[range[2]] = { field, value };
      ranges.set(key, entry);
    } else if (Array.isArray(value)) {
      for (const item of value) {
        const label = field in GROUP_FIELDS
          ? `any ${item} form${GROUP_FIELDS[field]}`
          : `${singular(humanise(field))}: ${titleCase(item)}`;
        chips.push({
          field,
          label,
          clear: (r) => ({ ...r, [field]: r[field].filter((x) => x !== item) }),
        });
      }
    } else if (typeof value === 'object') {
      chips.push({ field, label: `${humanise(field)}: ${JSON.stringify(value)}`, clear: (r) => ({ ...r, [field]: null }) });
    } else {
      const shown = value === true ? '' : `: ${titleCase(value)}`;
      chips.push({ field, label: `${humanise(field)}${shown}`, clear: (r) => ({ ...r, [field]: null }) });
    }
  }
  for (const { base, unit, fields } of ranges.values()) chips.push(rangeChip(base, unit, fields));
  return chips;
}

function rangeChip(base, unit, { min, max }) {
  const suffix = unit ? ` ${unit}` : '';
  const text = min && max ? `${min.value}–${max.value}` : min ? `${min.value}+` : `up to ${max.value}`;
  const fields = [min?.field, max?.field].filter(Boolean);
  return {
    field: fields.join(' '),
    label: `${humanise(base)} ${text}${suffix}`,
    clear: (r) => ({ ...r, ...Object.fromEntries(fields.map((f) => [f, null])) }),
  };
}

function singular(label) {
  return label.replace(/ies$/, 'y').replace(/([^s])s$/, '$1');
}

/** A reading as "“MMA fighter” → skill mma (90%)". @param {Interpretation} reading */
export function readingText({ phrase, field, value, confidence }) {
  const noun = /group/.test(field) ? '' : `${singular(humanise(field.replace(/^preferred_/, '')))} `;
  return `“${phrase}” → ${noun}${value} (${Math.round(confidence * 100)}%)`;
}

/**
 * Lists how the engine read words it did not find as written, so the director can correct them.
 * @param {HTMLElement} list
 * @param {Interpretation[]} readings
 */
export function renderReadings(list, readings) {
  list.replaceChildren(
    ...readings.map((r) => h('li', { class: 'reading', title: 'Remove the chip if this is not what you meant' }, readingText(r))),
  );
  list.hidden = !list.children.length;
}

/**
 * Renders the chips into `list`; `onChange(requirements)` gets the brief without a chip.
 * @param {HTMLElement} list
 * @param {RequirementsInput} requirements
 * @param {(requirements: RequirementsInput) => void} onChange
 */
export function renderChips(list, requirements, onChange) {
  const chips = chipsOf(requirements);
  list.replaceChildren(
    ...chips.map((chip) =>
      h(
        'li',
        { class: 'chip', dataset: { field: chip.field } },
        h('span', {}, chip.label),
        h(
          'button',
          {
            type: 'button',
            class: 'chip-remove',
            'aria-label': `Remove ${chip.label}`,
            title: `Remove ${chip.label}`,
            onclick: () => onChange(chip.clear(structuredClone(requirements))),
          },
          '×',
        ),
      ),
    ),
  );
  if (!chips.length) list.append(h('li', { class: 'chip-empty' }, 'No requirements yet: type a brief.'));
  return chips.length;
}
