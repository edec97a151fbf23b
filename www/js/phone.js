// The chat page on a phone: tabs for the casting view, memory and roster (one tap, not thousands
// of pixels of scrolling), and, after a turn, the results brought into view and marked as new.
import { byId } from './dom.js';

/** Below this width the page shows one section at a time (the CSS's phone breakpoint). */
const PHONE = window.matchMedia('(max-width: 720px)');

/** Whether the page is at phone width (one section at a time). */
export function onPhone() {
  return PHONE.matches;
}

/** Wires the tab buttons; `body[data-tab]` says which section the CSS shows on a phone. */
export function wirePhoneTabs() {
  for (const tab of document.querySelectorAll('#phone-tabs .phone-tab')) {
    tab.addEventListener('click', () => showTab(/** @type {HTMLElement} */ (tab).dataset.tab));
  }
  showTab('casting');
}

/** @param {string} name casting, memory or roster */
export function showTab(name) {
  document.body.dataset.tab = name;
  for (const tab of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#phone-tabs .phone-tab'))) {
    tab.setAttribute('aria-pressed', String(tab.dataset.tab === name));
  }
  // Memory and roster open at their top, wherever the casting view was scrolled to.
  if (PHONE.matches && name !== 'casting') window.scrollTo({ top: 0, behavior: 'instant' });
}

/** The Memory tab's count of shortlisted talents. @param {number} shortlisted */
export function showShortlistCount(shortlisted) {
  byId('tab-shortlisted').textContent = shortlisted ? `(${shortlisted})` : '';
}

/**
 * After a turn changed the results: says so above them (every width) and, on a phone, where
 * the results sit below the conversation, scrolls them into view.
 * @param {string} what "12 matches of 1,932"
 */
export function resultsChanged(what) {
  const note = byId('results-updated');
  note.textContent = `Updated: ${what}`;
  note.hidden = false;
  // Restart the highlight even when two turns come in quick succession.
  note.classList.remove('is-fresh');
  void note.offsetWidth;
  note.classList.add('is-fresh');
  if (PHONE.matches) {
    showTab('casting');
    // The mark first, then the tools and the first cards below it.
    note.scrollIntoView({ block: 'start', behavior: 'instant' });
  }
}
